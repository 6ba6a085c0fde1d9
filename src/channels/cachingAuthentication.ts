import type { Activity } from 'botbuilder';
import {
  BotFrameworkAuthentication,
  ConnectorFactory,
  JwtTokenValidation,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';

/** Enough for every channel endpoint a bot talks to; the oldest entry goes first beyond it. */
const MAX_ENTRIES = 256;

/**
 * botbuilder's CloudAdapter builds a new ConnectorClient and UserTokenClient, each with a fresh
 * Azure HTTP pipeline, for every turn: about 12% of a turn's CPU in `npm run bench`. These clients are
 * made to be reused (credentials cache their tokens), so this keeps one per app id, service URL and
 * audience; authentication itself is delegated unchanged.
 */
export class CachingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.withCachingFactory(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.withCachingFactory(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.caching(this.inner.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return cached(this.tokenClients, appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  /** Inbound turns get their connector factory from the authentication result. */
  private withCachingFactory(result: AuthenticateRequestResult): AuthenticateRequestResult {
    return result.connectorFactory ? { ...result, connectorFactory: this.caching(result.connectorFactory, result.claimsIdentity) } : result;
  }

  private caching(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new CachingConnectorFactory(factory, appIdOf(claimsIdentity), this.connectors);
  }
}

/** One per turn, over the instance's cache (a class, not a class expression per turn). */
class CachingConnectorFactory extends ConnectorFactory {
  constructor(private readonly factory: ConnectorFactory, private readonly appId: string, private readonly connectors: Map<string, Promise<ConnectorClient>>) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return cached(this.connectors, `${this.appId}|${serviceUrl}|${audience ?? ''}`, () => this.factory.create(serviceUrl, audience));
  }
}

function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '';
}

/** A failed creation is not kept, so the next turn tries again. */
function cached<T>(map: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  let entry = map.get(key);
  if (!entry) {
    entry = create();
    entry.catch(() => map.delete(key));
    map.set(key, entry);
    if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value as string);
  }
  return entry;
}
