import { clusterPortsAround, serverEnv } from '../../platform/temporal-cluster';
import { serverTlsEnv, sqlTlsFrom, sqlToolTlsEnv } from '../../platform/temporal-sql-tls';

const url = (query: string) => new URL(`postgres://carepact:secret@db.example.cn:5432/carepact${query}`);

describe("DATABASE_URL's TLS settings for the Temporal cluster", () => {
  it('keeps a URL without sslmode plain, as node-postgres does', () => {
    expect(sqlTlsFrom(url(''))).toEqual({ enabled: false, verifyHostName: false });
  });

  it.each([
    ['require', true, false],
    ['no-verify', true, false],
    ['verify-full', true, true],
    ['disable', false, false],
  ])('sslmode=%s gives TLS %s, host name checked %s', (mode, enabled, verifyHostName) => {
    expect(sqlTlsFrom(url(`?sslmode=${mode}`))).toMatchObject({ enabled, verifyHostName });
  });

  it('passes the CA, client certificate and key files to the server and to temporal-sql-tool', () => {
    const tls = sqlTlsFrom(url('?sslmode=verify-ca&sslrootcert=/etc/ca.pem&sslcert=/etc/c.pem&sslkey=/etc/c.key'));
    expect(serverTlsEnv(tls)).toEqual({
      SQL_TLS_ENABLED: 'true',
      SQL_HOST_VERIFICATION: 'false',
      SQL_CA: '/etc/ca.pem',
      SQL_CERT: '/etc/c.pem',
      SQL_CERT_KEY: '/etc/c.key',
    });
    expect(sqlToolTlsEnv(tls)).toEqual({
      SQL_TLS: 'true',
      SQL_TLS_DISABLE_HOST_VERIFICATION: 'true',
      SQL_TLS_CA_FILE: '/etc/ca.pem',
      SQL_TLS_CERT_FILE: '/etc/c.pem',
      SQL_TLS_KEY_FILE: '/etc/c.key',
    });
  });

  it('refuses what Temporal cannot do, saying what it can', () => {
    expect(() => sqlTlsFrom(url('?sslmode=prefer'))).toThrow(/sslmode=prefer .*require, verify-ca, verify-full/);
    expect(() => sqlTlsFrom(url('?sslmode=verify-ca'))).toThrow(/needs sslrootcert/);
  });

  it("reaches the server's environment from the cluster's PostgreSQL URL", () => {
    const env = serverEnv(
      {
        binaries: { server: 'server', sqlTool: 'temporal-sql-tool' },
        postgresUrl: url('?sslmode=verify-full').toString(),
        ports: clusterPortsAround(7233),
        logFile: '/dev/null',
      },
      '/deploy/temporal',
    );
    expect(env).toMatchObject({
      POSTGRES_SEEDS: 'db.example.cn',
      SQL_TLS_ENABLED: 'true',
      SQL_HOST_VERIFICATION: 'true',
    });
  });
});
