// Fills a Secrets Manager secret with key material CloudFormation cannot generate (KeyMaterial.java). The secret is
// created holding PLACEHOLDER; this writes a key into it once. It never replaces a key (rotation is an operator's
// step: docs/runbooks/rotate-secrets.md), never deletes one, and never returns key material to CloudFormation.
const crypto = require('node:crypto');
const { SecretsManagerClient, GetSecretValueCommand, PutSecretValueCommand } = require('@aws-sdk/client-secrets-manager');

const PLACEHOLDER = 'pending-key-generation';
const KINDS = {
  // what subscription-service reads as AIFA_SIGNING_KEY
  'rsa-2048-pkcs8-pem': () => crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  }).privateKey,
  // AES-256 keys: AIFA_ENCRYPTION_KEY, AIFA_ENTERPRISE_SECRET_KEY, AIFA_WEBHOOK_ENCRYPTION_KEY
  'aes-256-base64': () => crypto.randomBytes(32).toString('base64'),
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
  if (current.SecretString === PLACEHOLDER) {
    await client.send(new PutSecretValueCommand({ SecretId, SecretString: KINDS[Kind]() }));
  }
  return { PhysicalResourceId: physicalId };
};
