export { loadConfig, loadDotEnv, ConfigError, type Config } from './config';
