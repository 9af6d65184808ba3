// Writes key material CloudFormation cannot generate into a Secrets Manager secret (KeyMaterial.java). The secret is
// created holding a random password, which is no key; this replaces it with a key of the requested kind once. A secret
// that already holds such a key is left alone (rotation is an operator's step: docs/runbooks/rotate-secrets.md);
// nothing is ever deleted, and no key material is returned to CloudFormation.
const crypto = require('node:crypto');
const { SecretsManagerClient, GetSecretValueCommand, PutSecretValueCommand } = require('@aws-sdk/client-secrets-manager');

const KINDS = {
  // what subscription-service reads as AIFA_SIGNING_KEY (it accepts the PEM with or without its line breaks)
  'rsa-2048-pkcs8-pem': {
    holdsKey: (value) => value.includes('-----BEGIN PRIVATE KEY-----'),
    generate: () => crypto.generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    }).privateKey,
  },
  // AES-256 keys: AIFA_ENCRYPTION_KEY, AIFA_ENTERPRISE_SECRET_KEY, AIFA_WEBHOOK_ENCRYPTION_KEY
  'aes-256-base64': {
    holdsKey: (value) => /^[A-Za-z0-9+/]{43}=$/.test(value.trim()),
    generate: () => crypto.randomBytes(32).toString('base64'),
  },
};
const client = new SecretsManagerClient({});

exports.handler = async (event) => {
  const { SecretId, Kind } = event.ResourceProperties;
  const physicalId = 'key-material:' + SecretId;
  if (event.RequestType === 'Delete') {
    return { PhysicalResourceId: physicalId };
  }
  if (!Object.hasOwn(KINDS, Kind)) {
    throw new Error('unknown key kind: ' + Kind);
  }
  const current = await client.send(new GetSecretValueCommand({ SecretId }));
  if (!KINDS[Kind].holdsKey(current.SecretString ?? '')) {
    await client.send(new PutSecretValueCommand({ SecretId, SecretString: KINDS[Kind].generate() }));
  }
  return { PhysicalResourceId: physicalId };
};
