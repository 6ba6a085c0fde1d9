/**
 * WeChat shows text as typed, so the Markdown our replies use for Web Chat is taken out: emphasis
 * and code marks dropped, headings and quotes unmarked, links written as "text: URL" (WeChat makes the
 * URL tappable). Emphasis needs a non-space inside each mark, so a masked card "**** 1234" stays.
 */
export function stripMarkdown(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (_m, alt: string, url: string) => (alt ? `${alt}: ${url}` : url))
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, url: string) => (label === url ? url : `${label}: ${url}`))
    .replace(/(\*\*|__)(?=[^\s*_])([\s\S]*?[^\s*_])\1/g, '$2')
    .replace(/(?<![*\w])([*_])(?=[^\s*_])([^*_\n]*?[^\s*_])\1(?![*\w])/g, '$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/^ {0,3}#{1,6}\s+/gm, '')
    .replace(/^ {0,3}>\s?/gm, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1');
}
