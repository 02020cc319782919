import type { Database } from '@/db/client';
import { customerAddresses } from '@/db/schema';

/** Saves a delivery address for a test customer and returns its id (checkout needs one). */
export async function testAddress(db: Database, customerId: number): Promise<number> {
  const [row] = await db
    .insert(customerAddresses)
    .values({ customerId, label: 'Home', line1: '12 MG Road', city: 'Bengaluru', pin: '560001' })
    .returning({ id: customerAddresses.id });
  return row!.id;
}
