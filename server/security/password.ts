/**
 * Password hashing with scrypt on libuv's thread pool (never on the event loop), behind a small gate:
 * at most `concurrent` hashes run at once and at most `queue` wait, so a burst of login attempts cannot
 * occupy the pool that file reads also use. A full gate answers "busy" at once.
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

const KEY_LEN = 32;

function scryptAsync(password: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, KEY_LEN, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string, salt = randomBytes(16).toString("hex")): Promise<string> {
  return `scrypt$${salt}$${(await scryptAsync(password, salt)).toString("hex")}`;
}

export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const [, salt, hex] = stored.split("$");
  if (!salt || !hex) return false;
  const a = await scryptAsync(password, salt);
  const b = Buffer.from(hex, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

export class BusyError extends Error {}

/** A semaphore with a bounded queue. */
export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly concurrent: number, private readonly queue: number) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrent) {
      if (this.waiting.length >= this.queue) throw new BusyError("busy");
      await new Promise<void>((r) => this.waiting.push(r));
    } else this.running++;
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next waiter
      else this.running--;
    }
  }

  get pending(): number {
    return this.running + this.waiting.length;
  }
}
