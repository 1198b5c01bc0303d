import { Client } from '@temporalio/client';
import type { Config } from './config';
import { connectSettling } from './settling-connection';

export async function connectClient(config: Config): Promise<Client> {
  const connection = await connectSettling(config.temporal.address);
  return new Client({ connection, namespace: config.temporal.namespace });
}
