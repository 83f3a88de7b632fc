// Vite's ambient types for the renderer build (CSS imports, import.meta.env).
/// <reference types="vite/client" />
