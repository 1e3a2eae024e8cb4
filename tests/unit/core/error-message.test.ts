import { describe, expect, it } from 'vitest';
import { errorMessage, errorNameAndMessage } from '../../../src/core/error-message';

describe('error message', () => {
  it('says an Error by its message, and anything else thrown as text', () => {
    expect(errorMessage(new TypeError('failed to fetch'))).toBe('failed to fetch');
    expect(errorMessage('timeout')).toBe('timeout');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
    expect(errorMessage(null)).toBe('null');
  });

  it('names the kind of Error before its message where the kind matters', () => {
    expect(errorNameAndMessage(new RangeError('too far'))).toBe('RangeError: too far');
    expect(errorNameAndMessage('gone')).toBe('gone');
  });

  it('says the given sentence for a thrown value that is not an Error, and an Error’s own words still', () => {
    expect(errorMessage({ code: 1 }, 'no answer')).toBe('no answer');
    expect(errorMessage(new Error('refused'), 'no answer')).toBe('refused');
    expect(errorNameAndMessage(undefined, 'unknown error')).toBe('unknown error');
    expect(errorNameAndMessage(new TypeError('x'), 'unknown error')).toBe('TypeError: x');
  });
});
