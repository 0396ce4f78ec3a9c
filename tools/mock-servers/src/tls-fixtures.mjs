// @ts-check
// A test-only certificate authority and a server certificate for localhost / 127.0.0.1 / ::1, valid
// until 2126. The CA's private key was discarded after signing, so this CA can vouch for nothing
// else. Generated with openssl (P-256):
//   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca-key.pem -out ca.pem \
//     -days 36500 -subj "/CN=hcdr test CA (tests only)" -addext basicConstraints=critical,CA:TRUE
//   openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server-key.pem -subj /CN=localhost | \
//     openssl x509 -req -CA ca.pem -CAkey ca-key.pem -days 36500 -out server.pem \
//     -extfile <(echo subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../tls/', import.meta.url));

export const TLS_FIXTURES = Object.freeze({
  /** Path of the CA certificate, for NODE_EXTRA_CA_CERTS. */
  caPath: `${dir}ca.pem`,
  /** Server certificate (PEM) for localhost, 127.0.0.1 and ::1, signed by the CA. */
  cert: readFileSync(`${dir}server.pem`, 'utf8'),
  /** Its private key (PEM). */
  key: readFileSync(`${dir}server-key.pem`, 'utf8'),
});
