import { NextResponse } from 'next/server';

export function ok<T>(body: T, init?: ResponseInit): NextResponse<T> {
  return NextResponse.json(body, { status: 200, ...init });
}

export function created<T>(body: T): NextResponse<T> {
  return NextResponse.json(body, { status: 201 });
}

export function errorResponse(status: number, message: string, headers: Record<string, string> = {}) {
  return NextResponse.json({ error: message }, { status, headers });
}

export function isoTime(date: Date): string;
export function isoTime(date: Date | null): string | null;
export function isoTime(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/** A CSV download: `text/csv` with the file name a browser saves it under. */
export function csv(body: string, filename: string): Response {
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` },
  });
}
