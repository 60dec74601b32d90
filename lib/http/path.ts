/** No id holds a control character, and PostgreSQL refuses NUL in text: a path carrying one names nothing. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Whether a URL path has a segment that is not percent-encoded UTF-8 (`%FF`, an encoded lone surrogate) or
 * decodes to a control character. Next.js fails with a bare 500 decoding the first kind into route params.
 */
export function isMalformedPath(pathname: string): boolean {
  return pathname.split('/').some((segment) => {
    try {
      return hasControlCharacter(decodeURIComponent(segment));
    } catch {
      return true;
    }
  });
}
