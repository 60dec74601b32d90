import { NextResponse } from 'next/server';
import type { ApiError } from './errors';

export function ok<T>(body: T, init?: ResponseInit): NextResponse<T> {
  return NextResponse.json(body, { status: 200, ...init });
}

export function created<T>(body: T): NextResponse<T> {
  return NextResponse.json(body, { status: 201 });
}

/** The one shape of every error body: the message, its stable code, and the error's details (`field`). */
export function errorBody(error: ApiError): { error: string; code: string } & Record<string, string> {
  return { ...error.details, error: error.message, code: error.code };
}

export function errorResponse(error: ApiError) {
  return NextResponse.json(errorBody(error), { status: error.status, headers: error.headers });
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
