int crypto_init(void)
{
	return 0;
}

#ifdef CONFIG_CRYPTO_AES
unsigned char aes_sbox[256] = { 0x63, 0x7c, 0x77, 0x7b };

void aes_encrypt(unsigned char *block)
{
	for (int i = 0; i < 16; i++) {
		block[i] = aes_sbox[block[i]];
	}
}
#endif
