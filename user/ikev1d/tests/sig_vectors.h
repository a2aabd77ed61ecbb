/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fixed RSA-2048 key for the signature tests (made once with
 * "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048"; a test
 * key, secret to nobody) and its IKEv1 signature of the 32 bytes 00..1f,
 * made by the openssl command, not by us:
 *
 *   openssl pkeyutl -sign -inkey key.pem -pkeyopt rsa_padding_mode:pkcs1
 *
 * i.e. PKCS#1 v1.5 padding around the bare bytes, no DigestInfo.
 */
#ifndef IKEV1D_TEST_SIG_VECTORS_H
#define IKEV1D_TEST_SIG_VECTORS_H

static const char fixed_key_pem[] =
	"-----BEGIN PRIVATE KEY-----\n"
	"MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC1y99Khbz2t54N\n"
	"lFAE8s/ADUYIE3zZFsTtK8L1/Ol85J2hw3DV41hOg8Bzz6bVt2/QBl3/8soA8UWr\n"
	"kKwGuEO+bnIspnZKxHkfaSEOW0aMKhEktm5NKW2EjedvD++KP6f+1lyJsFFea4zH\n"
	"bCBvlGEDpCZN7WxvU3bKAx0voKQSVQU2mEQYIr2ouiQu8dTrUVDvHgTWkPHWmM8i\n"
	"cnqLToda5tQNCzr+Twam1ub7Qgi1XUUzw73z2eGTBwVfss0tNLw8TBCPnceO+bVI\n"
	"upLk+FDhz6Ppn4xsR10CXBZTr3uKszw6lqWnXF4rmCpkl/6/Ex+c69eKjE+YfQtg\n"
	"jqad+NmLAgMBAAECggEAA/vzja2yX1b5s358U5rdi0ljwYWOGXmXIPpfsE9IFGoP\n"
	"YAvpVEtCXZz/Swp22CHswIqnwLrQlD1Hs5qTypMNhrzjNEIprPE8OcBKEyvmpMMs\n"
	"991LF0QcTp+sYn+WDTVOOF/UA1rGKSxwhR0x0MlX+mHhJit9m3QhGzFskFLvhZYm\n"
	"fA1R3xAZ35VfbE+u4zF50RpHvIsqCv1mBSp3PZQ5gcPxeCYyPZIGuTeTE33SHFGw\n"
	"PHZcDhfleDckIJw1+QbDAUORggCfQ8iitQxHyGJx4mn+3zJNHOhI3b1R/TuTJZP9\n"
	"7pOIunLljP+kGLkImiy+OpfCsxRI/R3+LLggE4ZhoQKBgQDvL5CvkOtmvjd9PBZB\n"
	"I3Dm/psXLrdMHwXWC1Vlymbep07p1saXEoYehgjQpdnDakiPjOdXIf2+GRndZoqu\n"
	"ZE0RzPZ6eU0JiWrgDd4vYCOZ/X3SCmQxcbqj/7lw7GRKy501UD05BHGRwhU8zSUN\n"
	"I8G487WWdiqri9hnuKJRS3WtiQKBgQDCk4QA7iP5Ujnnk/Cmd4DM4rGHJkoJP32b\n"
	"sfDbTVl8jSQlXtAoAttxJkB2pYFYhJxtdtWWWpoqsA17vQFDLek9JS/qwAZ4sP1A\n"
	"r+oKlk79A+ocatzioZbYoWLiq2hAewADTOHs62Y9oxlRcQ3GNPk6k5IYpfQJwFXU\n"
	"7SCx92B9cwKBgQDKJF3YMtbvhxToT07TkDtLzaOPDRk2SQWqpvtuQod75tQnhi9h\n"
	"3/LfexGaHICUyY83WrLtDbof3aDhX1cXGYeU4q7wRPHZfHyJjM7ZJRwReY3LZKLW\n"
	"srI1BdtYV0BPghODyiNju6CrueYu84U7vJttTvKJjaZ0QoUK65yqreZvWQKBgDBb\n"
	"uVMB3K76YKnNeuHkkX5aWQTd30itHuqzLslSUAtEiNdA2TsYerGEcEEMoTj+vGH4\n"
	"Rt03Z1l0p+U49DdeEbnApEgTsYgNdOO+1MwMz1TSxDyL0poAzxzH/2uWbjKYX0hy\n"
	"szPOzXpELuau0l2QjOCiDI1TsXM6+hoRVS7l7HVBAoGBAMoWsz/K2Sclvl1zKDhq\n"
	"HlvxScG2q+AW+1jYAx81Ite+ADWWNnzJIl5/GK5ZxlXLXT23KpQHluic86Y1yRue\n"
	"vhpru4PwyprQhQw4rOX5Te/QkcFvgl1NORyW/cgMEo0chbT01BT3RlgoVYg080nA\n"
	"Lvqg4/IlcD+ibaWEYLrcd9jW\n"
	"-----END PRIVATE KEY-----\n";

static const char fixed_sig_hex[] =
	"22cc1e68b574a1fd14d853f51571b8421cbba104e70162c19e3822dca9620eae"
	"1948be0f199e1fcbd9954e7f42049354c572e05c0bca8f8f2dc4986be8016af7"
	"924e5c1566b181ef9c3c36252b81127e1d4b38f5d46c0057edaa935288dbb34f"
	"a07e34ac7a6ddac2e4d4b50fb1fc7fb5f8c0861126b84a90db13daba1b589d10"
	"40544e89f8b3ece3f5156ae255a328efee2aea20dd6f23ab409362ecd405f81d"
	"96c6c4b61f62668d6ce03ee456dd84f2573bca760992899ece34e4ba90403540"
	"0953bf738719e3f8085696fff6d8a867ce8a4c2706bd7e428ea886490faa6c57"
	"66f2715df65461e48819a2b2646254193e1944bd79771a8bbd6af4de402267c5";

#endif /* IKEV1D_TEST_SIG_VECTORS_H */
