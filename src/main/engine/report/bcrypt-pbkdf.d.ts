// Types for the `bcrypt-pbkdf` package (it ships none): the OpenBSD bcrypt_pbkdf that OpenSSH's key files use.
declare module 'bcrypt-pbkdf' {
  /** Fills `key` with `keylen` derived bytes; returns 0, or -1 for invalid arguments. */
  export function pbkdf(pass: Uint8Array, passlen: number, salt: Uint8Array, saltlen: number, key: Uint8Array, keylen: number, rounds: number): number;
}
