"""User-level jobs, each ONE cancellable generator of events, shared by the window, the CLI and
the bench: import data, train → export (→ INT8), evaluate on data, classify → rows (+ CSV), and
the export bundle. Qt-free; each workflow checks its `CancelToken` at every yield and ends with
`Finished(result)` or `Cancelled(stage)`.
"""
