// The message panel's browser side; filled in by the panel work.
export {};
