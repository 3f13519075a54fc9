/** Asks for the bearer token when the center requires one; kept for this tab only (sessionStorage). */
import { useState } from 'react';
import { setToken } from '../api';

export function TokenForm({ onToken }: { onToken: () => void }) {
  const [value, setValue] = useState('');
  return (
    <form
      className="token"
      onSubmit={(e) => {
        e.preventDefault();
        setToken(value.trim());
        onToken();
      }}
    >
      <h1>kstorm</h1>
      <label>
        This storm center needs a bearer token{' '}
        <input type="password" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" />
      </label>{' '}
      <button type="submit">Open</button>
    </form>
  );
}
