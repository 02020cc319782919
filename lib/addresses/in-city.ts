/**
 * Whether a saved address's city (free text, as the customer typed it) names the restaurant's city,
 * for checkout's "Not in <city>" note. Loose on purpose: the note only warns, so "Bangalore",
 * "Bengaluru Urban" or "New Delhi" must count as in, and a city with no listed other names is
 * matched by its own name alone.
 */
const OTHER_NAMES: Record<string, readonly string[]> = {
  bengaluru: ['bangalore'],
  mumbai: ['bombay'],
  chennai: ['madras'],
  kolkata: ['calcutta'],
  hyderabad: ['secunderabad'],
  pune: ['poona'],
  ahmedabad: ['amdavad'],
};

const letters = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');

export function addressInCity(addressCity: string, cityName: string): boolean {
  const city = letters(cityName);
  const written = letters(addressCity);
  return [city, ...(OTHER_NAMES[city] ?? [])].some((name) => name.length > 0 && written.includes(name));
}
