// Time @digitalbazaar/vc verifying one credential, for bench.badges (not used by the tests).
//
// Usage: node time-verify.mjs input.json
// input: {"documents": {url: JSON document}, "credential": {...}, "now": ISO date or null,
//         "iterations": N, "rounds": R, "warmup": W}
// Prints {"verified": bool, "errors": [...], "round_ms": [mean ms per verification, ...]}.
// Same loader and suite as verify.mjs: contexts and the controller document are static,
// nothing is fetched. No status check: the credential timed carries no credentialStatus.
import {readFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';

import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import {securityLoader} from '@digitalcredentials/security-document-loader';

const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const loader = securityLoader({fetchRemoteContexts: false});
for(const [url, document] of Object.entries(input.documents || {})) {
  loader.addStatic(url, document);
  for(const method of document.verificationMethod || []) {
    loader.addStatic(method.id, {'@context': MULTIKEY_CONTEXT, ...method});
  }
}
const documentLoader = loader.build();
const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
const now = input.now ? new Date(input.now) : new Date();

async function verifyOnce() {
  // A fresh copy each time, as a verifier receiving the credential would parse it.
  const credential = structuredClone(input.credential);
  return vc.verifyCredential({credential, suite, documentLoader, now});
}

const first = await verifyOnce();
const errors = [];
for(const proof of first.results || []) {
  if(proof.error) {
    errors.push(String(proof.error.message || proof.error));
  }
}
if(first.error) {
  errors.push(String(first.error.message || first.error));
}
for(let i = 0; i < (input.warmup ?? 20); i++) {
  await verifyOnce();
}
const roundMs = [];
for(let round = 0; round < (input.rounds ?? 5); round++) {
  const iterations = input.iterations ?? 100;
  const started = performance.now();
  for(let i = 0; i < iterations; i++) {
    await verifyOnce();
  }
  roundMs.push((performance.now() - started) / iterations);
}
process.stdout.write(JSON.stringify({verified: first.verified === true, errors, round_ms: roundMs}));
