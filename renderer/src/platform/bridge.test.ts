import { describe, expect, it } from 'vitest';
import { parseEventFrame } from './bridge';

describe('host event frames', () => {
  it('reads event and data lines; comments and keep-alives are nothing', () => {
    expect(parseEventFrame('event: net.connectivityChanged\ndata: {"online":true}')).toEqual({
      event: 'net.connectivityChanged',
      data: '{"online":true}',
    });
    expect(parseEventFrame('data: a\ndata: b')).toEqual({ event: 'message', data: 'a\nb' });
    expect(parseEventFrame(': connected')).toBeNull();
  });
});
