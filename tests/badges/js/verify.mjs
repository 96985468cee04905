// Independent verification of Open Badges 3.0 credentials with the Digital Bazaar stack.
//
// Usage: node verify.mjs input.json
// input: {"now": ISO date or null, "documents": {url: JSON document},
//         "credentials": [{"name": ..., "credential": {...}}]}
// Prints one JSON result per credential: {name, verified, statusVerified, errors}.
// Nothing is fetched: contexts come from the security loader's bundle plus the documents
// given (our pinned contexts, the issuer's controller document and the status lists).
import {readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';

import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import {securityLoader} from '@digitalcredentials/security-document-loader';

const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const loader = securityLoader({fetchRemoteContexts: false});
const documents = input.documents || {};
for(const [url, document] of Object.entries(documents)) {
  loader.addStatic(url, document);
  // A controller document: each verification method is resolvable on its own.
  for(const method of document.verificationMethod || []) {
    loader.addStatic(method.id, {'@context': MULTIKEY_CONTEXT, ...method});
  }
}
const documentLoader = loader.build();
const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
const now = input.now ? new Date(input.now) : new Date();

function bitIsSet(encodedList, index) {
  const text = encodedList.startsWith('u') ? encodedList.slice(1) : encodedList;
  const bits = gunzipSync(Buffer.from(text, 'base64url'));
  if(index < 0 || index >= bits.length * 8) {
    throw new Error(`status index ${index} outside the list`);
  }
  return (bits[Math.floor(index / 8)] & (0x80 >> (index % 8))) !== 0;
}

async function checkStatus({credential}) {
  const entries = [].concat(credential.credentialStatus);
  for(const entry of entries) {
    if(entry.type !== 'BitstringStatusListEntry') {
      return {verified: false, error: new Error(`unsupported status ${entry.type}`)};
    }
    const {document: list} = await documentLoader(entry.statusListCredential);
    const listResult = await vc.verifyCredential({
      credential: list, suite, documentLoader, now
    });
    if(!listResult.verified) {
      return {verified: false, error: new Error('status list credential does not verify')};
    }
    if(list.issuer !== (credential.issuer.id || credential.issuer)) {
      return {verified: false, error: new Error('status list issued by someone else')};
    }
    const subject = list.credentialSubject;
    if(subject.statusPurpose !== entry.statusPurpose) {
      return {verified: false, error: new Error('status purpose mismatch')};
    }
    if(bitIsSet(subject.encodedList, Number.parseInt(entry.statusListIndex, 10))) {
      return {verified: false, error: new Error(`credential status: ${entry.statusPurpose}`)};
    }
  }
  return {verified: true};
}

function messages(result) {
  const errors = [];
  const collect = error => {
    if(!error) {
      return;
    }
    if(Array.isArray(error)) {
      error.forEach(collect);
      return;
    }
    errors.push(String(error.message || error));
    collect(error.errors);
  };
  collect(result.error);
  for(const proof of result.results || []) {
    collect(proof.error);
  }
  if(result.statusResult) {
    collect(result.statusResult.error);
  }
  return errors;
}

const output = [];
for(const {name, credential} of input.credentials) {
  let result;
  try {
    result = await vc.verifyCredential({
      credential, suite, documentLoader, checkStatus, now
    });
  } catch(error) {
    result = {verified: false, error};
  }
  output.push({
    name,
    verified: result.verified === true,
    statusVerified: result.statusResult ? result.statusResult.verified : null,
    errors: messages(result)
  });
}
process.stdout.write(JSON.stringify(output));
