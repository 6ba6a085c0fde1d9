/**
 * i18next's interpolation for the simple case, without its per-call option handling (most of a
 * prompt's CPU when it has variables, such as the application's summary): `{{name}}` placeholders
 * filled with strings or numbers, each value as it is (escapeValue is off, values are not interpolated
 * again). Undefined when i18next could do more than that: nesting ($t(…)), unescaped or formatted
 * placeholders, deep paths, an option among the variables, a placeholder without a variable.
 */

/** i18next's translation options (and the brand variables every string gets): never filled here. */
const OPTIONS = new Set([
  'appendNamespaceToCIMode', 'appendNamespaceToMissingKey', 'applyPostProcessor', 'context', 'count', 'defaultNS',
  'defaultValue', 'fallbackLng', 'fallbackNS', 'interpolation', 'interpolationkey', 'joinArrays', 'keyPrefix',
  'keySeparator', 'lng', 'lngs', 'missingInterpolationHandler', 'missingKeyHandler', 'nest', 'ns', 'nsSeparator',
  'ordinal', 'postProcess', 'postProcessPassResolved', 'replace', 'returnDetails', 'returnEmptyString', 'returnNull',
  'returnObjects', 'saveMissing', 'skipInterpolation', 'brand', 'hotline', 'website',
]);
/** i18next's default placeholder and nesting syntax. */
const PLACEHOLDER = /\{\{(.+?)\}\}/g;
const NESTING = '$t(';
const NAME = /^\w+$/;

/** `template` (a string as i18next gives it without variables) with `vars` filled in, or undefined. */
export function interpolate(template: string, vars: Record<string, unknown>): string | undefined {
  for (const name in vars) {
    const value = vars[name];
    if (OPTIONS.has(name) || name.startsWith('defaultValue') || !(typeof value === 'number' || (typeof value === 'string' && !value.includes(NESTING)))) return undefined;
  }
  if (template.includes(NESTING) || template.includes('{{-')) return undefined;
  let simple = true;
  const text = template.replace(PLACEHOLDER, (placeholder, inner: string) => {
    const name = inner.trim();
    if (!NAME.test(name) || !Object.hasOwn(vars, name)) simple = false;
    return simple ? String(vars[name]) : placeholder;
  });
  return simple && !text.includes(NESTING) ? text : undefined;
}
