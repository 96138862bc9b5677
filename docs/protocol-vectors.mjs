// The test vectors of docs/protocol.md §12, recomputed in JavaScript with
// libsodium-wrappers-sumo from the specification alone (an interoperability check for
// the browser booth). Run: npm install libsodium-wrappers-sumo@0.7 && node THIS_FILE,
// then compare with `python -m verifier.vectors` (identical output expected).

import { createRequire } from "module";
const _sodium = createRequire(import.meta.url)("libsodium-wrappers-sumo");
await _sodium.ready;
const S = _sodium;
const enc = new TextEncoder();
const ID = new Uint8Array(32); ID[0] = 1;
const hex = (b) => S.to_hex(b);
const eq = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const isId = (p) => eq(p, ID);
const isZero = (s) => s.every((x) => x === 0);
const G = S.crypto_scalarmult_ed25519_base_noclamp(Uint8Array.from([1, ...new Array(31).fill(0)]));
const baseMul = (s) => (isZero(s) ? ID : S.crypto_scalarmult_ed25519_base_noclamp(s));
const mul = (p, s) => (isZero(s) || isId(p) ? ID : S.crypto_scalarmult_ed25519_noclamp(s, p));
const add = (p, q) => (isId(p) ? q : isId(q) ? p : S.crypto_core_ed25519_add(p, q));
const sub = (p, q) => (isId(q) ? p : eq(p, q) ? ID : S.crypto_core_ed25519_sub(p, q));
const scalarOfInt = (n) => { const b = new Uint8Array(32); b[0] = n; return b; };
const u32 = (n) => Uint8Array.from([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
function H(tag, ...parts) {
  const chunks = [enc.encode("electionspro/v1/ed25519"), enc.encode(tag), Uint8Array.of(0)];
  for (const p of parts) { chunks.push(u32(p.length), p); }
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0; for (const c of chunks) { all.set(c, o); o += c.length; }
  return S.crypto_core_ed25519_scalar_reduce(S.crypto_hash_sha512(all));
}
function canon(v) {
  if (Array.isArray(v)) return "[" + v.map(canon).join(",") + "]";
  if (v !== null && typeof v === "object")
    return "{" + Object.keys(v).sort().map((k) => JSON.stringify(k) + ":" + canon(v[k])).join(",") + "}";
  return JSON.stringify(v);
}
const sha256hex = (s) => hex(S.crypto_hash_sha256(enc.encode(s)));
function stream(seed) { let n = 0; return () => H("test-vector", enc.encode(seed), u32(n++)); }
const ALPHA = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
function checkChar(data) { let v = 0n; for (const c of data) v = v * 32n + BigInt(ALPHA.indexOf(c)); return (ALPHA + "*~$=U")[Number(v % 37n)]; }
function tracking(bytes) {
  let bits = ""; for (const b of bytes) bits += b.toString(2).padStart(8, "0");
  bits += "0000"; let out = ""; for (let i = 0; i < bits.length; i += 5) out += ALPHA[parseInt(bits.slice(i, i + 5), 2)];
  return out;
}
const scAdd = S.crypto_core_ed25519_scalar_add, scSub = S.crypto_core_ed25519_scalar_sub, scMul = S.crypto_core_ed25519_scalar_mul;

const CAMPAIGN = "elections2026", SCRUTIN = "CAPA-CERT-075";
const code = "K7M2Q9XD4HT8W3RB" + checkChar("K7M2Q9XD4HT8W3RB");
const x = stream("trustee")(); const y = baseMul(x);
const cs = H("credential", enc.encode(CAMPAIGN), enc.encode(SCRUTIN), enc.encode(code));
const X = baseMul(cs);
const manifest = {
  booth: { "static/booth/booth.js": "0".repeat(64) }, campaign: CAMPAIGN,
  credentials_hash: sha256hex(canon([hex(X)])), protocol: "electionspro/v1/ed25519",
  public_key: hex(y), scrutin: SCRUTIN, seats: 3, slots: ["Vote blanc", "FSU", "UNSA Éducation", "SNALC"],
  title: "CAPA des professeurs certifiés",
  trustees: { commitments: [[hex(y)]], k: 1, n: 1, verification_keys: [hex(y)] }, version: 1,
};
const fp = sha256hex(canon(manifest));
const fpb = S.from_hex(fp);
const ctx = [fpb, enc.encode(SCRUTIN), X];
const draw = stream("ballot");
const choice = 2, L1 = 4;
const slots = []; const points = []; let R = new Uint8Array(32);
for (let i = 0; i < L1; i++) {
  const r = draw(); const m = i === choice ? 1 : 0;
  const alpha = baseMul(r), beta = add(mul(y, r), baseMul(scalarOfInt(m)));
  const w = draw(), cSim = draw(), sSim = draw();
  const o = 1 - m; const com = {};
  com[m] = [baseMul(w), mul(y, w)];
  const bo = sub(beta, baseMul(scalarOfInt(o)));
  com[o] = [add(baseMul(sSim), mul(alpha, cSim)), add(mul(y, sSim), mul(bo, cSim))];
  const c = H("slot", ...ctx, u32(i), G, y, alpha, beta, com[0][0], com[0][1], com[1][0], com[1][1]);
  const cReal = scSub(c, cSim); const sReal = scSub(w, scMul(cReal, r));
  const cc = {}, ss = {}; cc[m] = cReal; cc[o] = cSim; ss[m] = sReal; ss[o] = sSim;
  slots.push({ alpha: hex(alpha), beta: hex(beta), proof: { c0: hex(cc[0]), c1: hex(cc[1]), s0: hex(ss[0]), s1: hex(ss[1]) } });
  points.push(alpha, beta); R = scAdd(R, r);
}
let PA = ID, PB = ID; for (let i = 0; i < points.length; i += 2) { PA = add(PA, points[i]); PB = add(PB, points[i + 1]); }
PB = sub(PB, G);
const w = draw();
const c = H("sum", ...ctx, ...points, G, PA, y, PB, baseMul(w), mul(y, w));
const sumProof = { challenge: hex(c), response: hex(scSub(w, scMul(c, R))) };
const ballot = { credential: hex(X), enc: "client", fingerprint: fp, scrutin: SCRUTIN, slots, sum_proof: sumProof, version: 1 };
const msg = enc.encode(canon(ballot));
const ws = draw(); const A = baseMul(ws);
const cs2 = H("signature", fpb, msg, G, X, A);
ballot.signature = { challenge: hex(cs2), response: hex(scSub(ws, scMul(cs2, cs))) };
const bytes = enc.encode(canon(ballot));
console.log("voting_code: " + code);
console.log("credential_secret: " + hex(cs));
console.log("credential: " + hex(X));
console.log("election_key: " + hex(y));
console.log("manifest_fingerprint: " + fp);
console.log("ballot_sha256: " + hex(S.crypto_hash_sha256(bytes)));
console.log("ballot_length: " + bytes.length);
console.log("tracking_number: " + tracking(S.crypto_hash_sha256(bytes)));
console.log("first_alpha: " + slots[0].alpha);
console.log("signature_challenge: " + ballot.signature.challenge);
