static int pins;

void gpio_init(void)
{
	pins = 0;
}

void gpio_set(int pin, int value)
{
	if (value) {
		pins |= 1 << pin;
	} else {
		pins &= ~(1 << pin);
	}
}
