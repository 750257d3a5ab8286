// Module SPC: control charts, run rules, capability studies and live monitors.
// Pure analytics: no storage, no HTTP.
