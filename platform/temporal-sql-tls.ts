/**
 * DATABASE_URL's TLS settings, as the Temporal server (deploy/temporal/config/carepact.yaml, the variable names
 * of Temporal's own image) and temporal-sql-tool read them: a managed PostgreSQL that insists on TLS must get
 * it from Temporal as well as from CarePact's own connections.
 *
 * sslmode follows libpq: require encrypts without checking the certificate, verify-ca checks it against
 * sslrootcert, verify-full also checks the host name. Without sslmode (or disable) the connection is plain,
 * as node-postgres does. Temporal cannot try TLS and fall back, so allow and prefer are refused.
 */
export interface SqlTls {
  enabled: boolean;
  verifyHostName: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

const MODES: Record<string, Pick<SqlTls, 'enabled' | 'verifyHostName'>> = {
  disable: { enabled: false, verifyHostName: false },
  'no-verify': { enabled: true, verifyHostName: false },
  require: { enabled: true, verifyHostName: false },
  'verify-ca': { enabled: true, verifyHostName: false },
  'verify-full': { enabled: true, verifyHostName: true },
};

export function sqlTlsFrom(postgresUrl: URL): SqlTls {
  const mode = postgresUrl.searchParams.get('sslmode') ?? 'disable';
  const chosen = MODES[mode];
  if (!chosen) {
    throw new Error(
      `DATABASE_URL sslmode=${mode} cannot be given to Temporal: use one of ${Object.keys(MODES).join(', ')}`,
    );
  }
  const file = (name: string) => postgresUrl.searchParams.get(name) ?? undefined;
  if (mode === 'verify-ca' && !file('sslrootcert')) {
    throw new Error('DATABASE_URL sslmode=verify-ca needs sslrootcert (the CA file) for Temporal');
  }
  return { ...chosen, caFile: file('sslrootcert'), certFile: file('sslcert'), keyFile: file('sslkey') };
}

/** The Temporal server's variables (its configuration's SQL_TLS_* and SQL_CA… names). */
export function serverTlsEnv(tls: SqlTls): Record<string, string> {
  return {
    SQL_TLS_ENABLED: String(tls.enabled),
    SQL_HOST_VERIFICATION: String(tls.verifyHostName),
    SQL_CA: tls.caFile ?? '',
    SQL_CERT: tls.certFile ?? '',
    SQL_CERT_KEY: tls.keyFile ?? '',
  };
}

/** temporal-sql-tool's variables for the same settings. */
export function sqlToolTlsEnv(tls: SqlTls): Record<string, string> {
  return {
    SQL_TLS: String(tls.enabled),
    SQL_TLS_DISABLE_HOST_VERIFICATION: String(!tls.verifyHostName),
    SQL_TLS_CA_FILE: tls.caFile ?? '',
    SQL_TLS_CERT_FILE: tls.certFile ?? '',
    SQL_TLS_KEY_FILE: tls.keyFile ?? '',
  };
}
