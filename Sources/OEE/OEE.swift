// Module OEE: availability, performance and quality from machine state and count events,
// in batch and streaming form. Pure analytics: no storage, no HTTP.
