int spi_transfer(const unsigned char *tx, unsigned char *rx, int len)
{
	for (int i = 0; i < len; i++) {
		rx[i] = tx[i] ^ 0x5a;
	}
	return len;
}
