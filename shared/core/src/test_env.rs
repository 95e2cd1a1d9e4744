//! Configuration tests' environment, shared by every crate that reads settings: a lookup over
//! fixed pairs (so no test touches the process environment) and the variables every function
//! requires. Test builds only (`test-support` feature); never in a function.

use std::collections::HashMap;

/// `lookup` for `from_lookup`, answering from `pairs` alone.
pub fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k| map.get(k).cloned()
}

/// The tables and the queue every function's configuration requires, each set.
pub const BASE: [(&str, &str); 7] = [
    ("JOBS_TABLE", "jobs"),
    ("QUOTA_TABLE", "quota"),
    ("AGENTS_TABLE", "agents"),
    ("API_KEYS_TABLE", "keys"),
    ("JOB_QUEUE_URL", "http://q"),
    ("IDEMPOTENCY_TABLE", "idem"),
    ("WORKSPACES_TABLE", "ws"),
];
