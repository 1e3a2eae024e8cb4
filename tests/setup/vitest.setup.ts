// Every test file gets a fresh in-memory IndexedDB (the guard's store) and WebCrypto.
import 'fake-indexeddb/auto';
