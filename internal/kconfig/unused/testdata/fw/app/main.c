/* The application: it drives a GPIO and logs, nothing else. */
void gpio_init(void);
void gpio_set(int pin, int value);
void log_msg(const char *msg);

int main(void)
{
	gpio_init();
	gpio_set(3, 1);
	log_msg("started");
	return 0;
}
