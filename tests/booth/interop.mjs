// Runs the booth's protocol module under Node for tests/booth/test_interop.py:
// `node interop.mjs vectors` prints docs/protocol.md §12's vectors (then, with --full,
// the manifest's and the ballot's canonical JSON); `node interop.mjs ballot CHOICE`
// prints one JSON object {manifest, ballot, text, tracking, audit} made with real
// randomness, for the Python verifier to check.

import * as P from "../../static/booth/protocol.mjs";

await P.ready;
const [mode, arg] = process.argv.slice(2);
const CAMPAIGN = "elections2026";
const SCRUTIN = "CAPA-CERT-075";
const DATA = "K7M2Q9XD4HT8W3RB";

function election() {
  const y = P.publicOf(P.vectorStream("trustee")());
  const code = DATA + [..."0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U"].find((check) => {
    try {
      return P.normaliseVotingCode(DATA + check);
    } catch {
      return false;
    }
  });
  const credential = P.deriveCredential({ code, campaign: CAMPAIGN, scrutin: SCRUTIN });
  const manifest = {
    booth: { "static/booth/booth.js": "0".repeat(64) },
    campaign: CAMPAIGN,
    credentials_hash: P.sha256Hex(new TextEncoder().encode(P.canonicalJson([credential.public]))),
    protocol: P.PROTOCOL,
    public_key: y,
    scrutin: SCRUTIN,
    seats: 3,
    slots: ["Vote blanc", "FSU", "UNSA Éducation", "SNALC"],
    title: "CAPA des professeurs certifiés",
    trustees: { commitments: [[y]], k: 1, n: 1, verification_keys: [y] },
    version: 1,
  };
  return { code, credential, manifest };
}

const { code, credential, manifest } = election();
if (mode === "vectors") {
  const made = P.makeBallot({
    manifest, choice: 2, secret: credential.secret, nonces: P.vectorStream("ballot"),
  });
  const bytes = new TextEncoder().encode(made.text);
  const lines = {
    voting_code: code,
    credential_secret: P.toHex(credential.secret),
    credential: credential.public,
    election_key: manifest.public_key,
    manifest_fingerprint: P.fingerprint(manifest),
    ballot_sha256: P.sha256Hex(bytes),
    ballot_length: bytes.length,
    tracking_number: made.trackingNumber,
    first_alpha: made.ballot.slots[0].alpha,
    signature_challenge: made.ballot.signature.challenge,
  };
  for (const [key, value] of Object.entries(lines)) console.log(`${key}: ${value}`);
  if (arg === "--full") {
    console.log(P.canonicalJson(manifest));
    console.log(made.text);
  }
} else if (mode === "ballot") {
  const choice = Number(arg);
  const made = P.makeBallot({ manifest, choice, secret: credential.secret });
  const audit = P.auditFile({ manifest, ballot: made.ballot, choice, randomness: made.randomness });
  console.log(JSON.stringify({ manifest, text: made.text, tracking: made.trackingNumber, audit }));
}
