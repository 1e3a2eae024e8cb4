/** The gateway's symbols for every symbol input of the page (one <datalist>, referenced by id). */
export function SymbolDatalist(props: { id: string; symbols: readonly { symbol: string; description: string }[] }) {
  return (
    <datalist id={props.id}>
      {props.symbols.map((s) => (
        <option key={s.symbol} value={s.symbol}>
          {s.description}
        </option>
      ))}
    </datalist>
  );
}
