// The booth's cryptography: the ballots of docs/protocol.md (electionspro/v1/ed25519),
// made on the elector's device with libsodium (the same C code as the server's PyNaCl,
// compiled to WebAssembly). Byte-compatible with the Python reference (verifier/).
//
// - the credential derived from the voting code (protocol.md §4),
// - exponential ElGamal per slot, the 0/1 proofs, the sum proof and the signature (§5),
// - canonical JSON, the manifest fingerprint and the tracking number (§2, §3).
//
// Secret scalar arithmetic (s = w − c·x) runs inside WebAssembly through
// crypto_core_ed25519_scalar_*; random scalars come from libsodium, whose random source
// is the browser's crypto.getRandomValues. No DOM here: the same module runs under Node
// for the interoperability tests.

import sodium from "./vendor/libsodium-wrappers-sumo-0.8.4.mjs";

export const PROTOCOL = "electionspro/v1/ed25519";
export const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CHECK_ALPHABET = ALPHABET + "*~$=U";
const CODE_LENGTH = 16;

const utf8 = new TextEncoder();
let S = null;
let G = null;
let IDENTITY = null;

/** Resolves once libsodium's WebAssembly is instantiated. */
export const ready = sodium.ready.then(() => {
  S = sodium;
  IDENTITY = new Uint8Array(32);
  IDENTITY[0] = 1;
  G = S.crypto_scalarmult_ed25519_base_noclamp(scalarOfInt(1));
});

// --- bytes, points and scalars ------------------------------------------------------

export const toHex = (bytes) => S.to_hex(bytes);
export const fromHex = (text) => S.from_hex(text);

function equal(a, b) {
  return a.length === b.length && S.memcmp(a, b);
}

function isZero(scalar) {
  return S.is_zero(scalar);
}

function scalarOfInt(n) {
  const out = new Uint8Array(32);
  out[0] = n;
  return out;
}

function u32(n) {
  return Uint8Array.of((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
}

// The neutral element is handled here: libsodium's noclamp functions refuse it (rule 3).
function baseMul(s) {
  return isZero(s) ? IDENTITY : S.crypto_scalarmult_ed25519_base_noclamp(s);
}

function mul(point, s) {
  return isZero(s) || equal(point, IDENTITY)
    ? IDENTITY
    : S.crypto_scalarmult_ed25519_noclamp(s, point);
}

function add(p, q) {
  if (equal(p, IDENTITY)) return q;
  if (equal(q, IDENTITY)) return p;
  return S.crypto_core_ed25519_add(p, q);
}

function sub(p, q) {
  if (equal(q, IDENTITY)) return p;
  if (equal(p, q)) return IDENTITY;
  return S.crypto_core_ed25519_sub(p, q);
}

/** A fresh secret scalar below ℓ (libsodium, from crypto.getRandomValues). */
export function randomScalar() {
  return S.crypto_core_ed25519_scalar_random();
}

/** Validate a point received from outside (rule 1): lowercase hex, main subgroup. */
function pointFromHex(text) {
  if (typeof text !== "string" || !/^[0-9a-f]{64}$/.test(text)) {
    throw new Error("not a point");
  }
  const point = fromHex(text);
  if (!S.crypto_core_ed25519_is_valid_point(point)) throw new Error("not a point");
  return point;
}

// --- hashing -----------------------------------------------------------------------

function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** H(tag, parts…) = SHA-512(DST ‖ tag ‖ 0 ‖ Σ len32be(p) ‖ p) mod ℓ (§1). */
export function hashToScalar(tag, ...parts) {
  const chunks = [utf8.encode(PROTOCOL), utf8.encode(tag), Uint8Array.of(0)];
  for (const part of parts) chunks.push(u32(part.length), part);
  return S.crypto_core_ed25519_scalar_reduce(S.crypto_hash_sha512(concat(chunks)));
}

/** Canonical JSON (§2): keys sorted, no whitespace, text as itself. */
export function canonicalJson(value) {
  if (Array.isArray(value)) return "[" + value.map(canonicalJson).join(",") + "]";
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonicalJson(value[k])).join(",") + "}";
  }
  if (typeof value === "number" && !(Number.isSafeInteger(value))) {
    throw new Error("canonical JSON has integers only");
  }
  return JSON.stringify(value);
}

export function sha256Hex(bytes) {
  return toHex(S.crypto_hash_sha256(bytes));
}

/** The manifest's fingerprint: SHA-256 hex of its canonical JSON (§5). */
export function fingerprint(manifest) {
  return sha256Hex(utf8.encode(canonicalJson(manifest)));
}

// --- codes ---------------------------------------------------------------------------

/** Crockford base32 of bytes, most significant bit first, zero-padded to 5 bits (§3). */
function encodeBits(bytes) {
  let bits = "";
  for (const b of bytes) bits += b.toString(2).padStart(8, "0");
  bits += "0".repeat((5 - (bits.length % 5)) % 5);
  let out = "";
  for (let i = 0; i < bits.length; i += 5) out += ALPHABET[parseInt(bits.slice(i, i + 5), 2)];
  return out;
}

/** The tracking number of a ballot: its canonical bytes' SHA-256 in base32 (52 characters). */
export function trackingNumber(bytes) {
  return encodeBits(S.crypto_hash_sha256(bytes));
}

/** Groups of four characters separated by spaces, as the portal shows it. */
export function formatTrackingNumber(number) {
  return number.match(/.{1,4}/g).join(" ");
}

function normalise(text) {
  return text
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

function checkCharacter(data) {
  let value = 0n;
  for (const char of data) value = value * 32n + BigInt(ALPHABET.indexOf(char));
  return CHECK_ALPHABET[Number(value % 37n)];
}

/** A typed voting code → its 17-character form; throws CodeError("length"|"character"|"check"). */
export class CodeError extends Error {
  constructor(reason) {
    super(reason);
    this.reason = reason;
  }
}

export function normaliseVotingCode(text) {
  const code = normalise(text.trim());
  if (code.length !== CODE_LENGTH + 1) throw new CodeError("length");
  const data = code.slice(0, CODE_LENGTH);
  const check = code[CODE_LENGTH];
  if ([...data].some((c) => !ALPHABET.includes(c)) || !CHECK_ALPHABET.includes(check)) {
    throw new CodeError("character");
  }
  if (checkCharacter(data) !== check) throw new CodeError("check");
  return code;
}

// --- credentials and proofs ------------------------------------------------------------

/** (secret, public hex) of the elector's credential for one scrutin (§4). */
export function deriveCredential({ code, campaign, scrutin }) {
  const normalised = normaliseVotingCode(code);
  const secret = hashToScalar(
    "credential", utf8.encode(campaign), utf8.encode(scrutin), utf8.encode(normalised),
  );
  if (isZero(secret)) throw new CodeError("degenerate");
  return { secret, public: toHex(baseMul(secret)) };
}

const scalarSub = (a, b) => S.crypto_core_ed25519_scalar_sub(a, b);
const scalarMul = (a, b) => S.crypto_core_ed25519_scalar_mul(a, b);
const scalarAdd = (a, b) => S.crypto_core_ed25519_scalar_add(a, b);

function zeroOneProve(context, y, alpha, beta, value, r, nonces) {
  const other = 1 - value;
  const w = nonces();
  const cSim = nonces();
  const sSim = nonces();
  const commitments = [];
  commitments[value] = [baseMul(w), mul(y, w)];
  const betaOther = other === 0 ? beta : sub(beta, G);
  commitments[other] = [
    add(baseMul(sSim), mul(alpha, cSim)),
    add(mul(y, sSim), mul(betaOther, cSim)),
  ];
  const c = hashToScalar(
    "slot", ...context, G, y, alpha, beta, ...commitments[0], ...commitments[1],
  );
  const cReal = scalarSub(c, cSim);
  const sReal = scalarSub(w, scalarMul(cReal, r));
  const challenges = [];
  const responses = [];
  challenges[value] = cReal;
  challenges[other] = cSim;
  responses[value] = sReal;
  responses[other] = sSim;
  return {
    c0: toHex(challenges[0]),
    c1: toHex(challenges[1]),
    s0: toHex(responses[0]),
    s1: toHex(responses[1]),
  };
}

function dleqProve(tag, context, statement, secret, nonces) {
  const [g1, , g2] = statement;
  const w = nonces();
  const c = hashToScalar(tag, ...context, ...statement, mul(g1, w), mul(g2, w));
  return { challenge: toHex(c), response: toHex(scalarSub(w, scalarMul(c, secret))) };
}

function schnorrProve(tag, context, secret, nonces) {
  const w = nonces();
  const c = hashToScalar(tag, ...context, G, baseMul(secret), baseMul(w));
  return { challenge: toHex(c), response: toHex(scalarSub(w, scalarMul(c, secret))) };
}

/**
 * Encrypt the choice (slot index, 0 = blank), prove and sign (§5).
 *
 * `manifest` is the scrutin's manifest (its JSON value), `secret` the credential's
 * secret scalar. Random scalars are drawn from `nonces` in the order of §5 (for each
 * slot r, w, c_sim, s_sim; then the sum proof's w; then the signature's w).
 * Returns {ballot, text (canonical JSON), trackingNumber, randomness (hex r per slot)}:
 * keep `randomness` only to audit this ballot, never to cast it.
 */
export function makeBallot({ manifest, choice, secret, enc = "client", nonces = randomScalar }) {
  const slotCount = manifest.slots.length;
  if (!Number.isInteger(choice) || choice < 0 || choice >= slotCount) {
    throw new Error("choice out of range");
  }
  const y = pointFromHex(manifest.public_key);
  const print = fingerprint(manifest);
  const credential = baseMul(secret);
  const context = [fromHex(print), utf8.encode(manifest.scrutin), credential];
  const slots = [];
  const points = [];
  const randomness = [];
  let total = scalarOfInt(0);
  for (let index = 0; index < slotCount; index++) {
    const r = nonces();
    const value = index === choice ? 1 : 0;
    const alpha = baseMul(r);
    const beta = add(mul(y, r), value ? G : IDENTITY);
    const proof = zeroOneProve([...context, u32(index)], y, alpha, beta, value, r, nonces);
    slots.push({ alpha: toHex(alpha), beta: toHex(beta), proof });
    points.push(alpha, beta);
    randomness.push(toHex(r));
    total = scalarAdd(total, r);
  }
  let sumAlpha = IDENTITY;
  let sumBeta = IDENTITY;
  for (let i = 0; i < points.length; i += 2) {
    sumAlpha = add(sumAlpha, points[i]);
    sumBeta = add(sumBeta, points[i + 1]);
  }
  const statement = [G, sumAlpha, y, sub(sumBeta, G)];
  const ballot = {
    credential: toHex(credential),
    enc,
    fingerprint: print,
    scrutin: manifest.scrutin,
    slots,
    sum_proof: dleqProve("sum", [...context, ...points], statement, total, nonces),
    version: 1,
  };
  const signed = utf8.encode(canonicalJson(ballot));
  ballot.signature = schnorrProve("signature", [fromHex(print), signed], secret, nonces);
  const text = canonicalJson(ballot);
  return { ballot, text, trackingNumber: trackingNumber(utf8.encode(text)), randomness };
}

/** The audit file of a ballot not cast (§5): what `python -m verifier.audit` reads. */
export function auditFile({ manifest, ballot, choice, randomness }) {
  return canonicalJson({ ballot, choice, manifest, randomness });
}

/** The test vectors' random stream n ↦ H("test-vector", seed, n) (§12). */
export function vectorStream(seed) {
  let n = 0;
  return () => hashToScalar("test-vector", utf8.encode(seed), u32(n++));
}

/** g^x for a scalar: the test vectors' election key and credentials. */
export function publicOf(secret) {
  return toHex(baseMul(secret));
}
