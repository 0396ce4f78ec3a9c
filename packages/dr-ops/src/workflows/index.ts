// workflows: see README.md for what lives here.
export {};
