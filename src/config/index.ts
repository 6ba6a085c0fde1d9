export { loadConfig, loadDotEnv, ConfigError, type Config } from './config';
export { SECRET_VARIABLES } from './schema';
