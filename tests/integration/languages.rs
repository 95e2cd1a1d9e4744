//! A Spanish site through the whole job (HTTP → DynamoDB + SQS → worker → GET): the stored
//! agent speaks Spanish, reads the site's Spanish hours and services, and says so in Spanish.

use serde_json::json;
use std::collections::HashMap;

use agent_builder_core::domain::{AgentId, FactKind};
use agent_builder_core::store::AgentStore;
use agent_builder_engine::lang::detect::detect;

use crate::helpers::{fixture_site, html, stack};

// A CMS that ships `lang="en-US"` on every page, whatever the text: the text decides.
const HOME: &str = r#"<!doctype html><html lang="en-US"><head>
<title>Peluquería Ana | Peluquería en Chamberí, Madrid</title>
<meta property="og:site_name" content="Peluquería Ana">
<meta name="description" content="Tu peluquería de confianza en Chamberí desde 1998: corte de pelo, tinte, mechas y peinados para bodas.">
</head><body>
<nav><a href="/">Inicio</a> <a href="/servicios">Servicios</a> <a href="/contacto">Contacto</a></nav>
<main><h1>Peluquería Ana</h1>
<p>Somos una peluquería familiar en el barrio de Chamberí. Cuidamos tu pelo con productos profesionales y mucho cariño.</p>
</main>
<footer><p>Horario: Lunes a viernes de 10:00 a 20:00. Sábados de 9:00 a 14:00. Domingos cerrado.</p></footer>
</body></html>"#;

const SERVICES: &str = r#"<!doctype html><html lang="en-US"><head><title>Servicios | Peluquería Ana</title></head><body>
<main><h1>Nuestros servicios</h1>
<ul><li>Corte de pelo — 18 €</li><li>Tinte — 35 €</li><li>Mechas — 55 €</li></ul>
<p>Todos nuestros servicios incluyen lavado y peinado. Pide cita por teléfono.</p></main>
</body></html>"#;

const CONTACT: &str = r#"<!doctype html><html lang="en-US"><head><title>Contacto | Peluquería Ana</title></head><body>
<main><h1>Contacto</h1><p>Calle de Fuencarral 123, 28010 Madrid</p>
<p>Teléfono: +34 912 345 678</p>
<p>Escríbenos y te responderemos lo antes posible.</p></main>
</body></html>"#;

#[tokio::test]
async fn a_spanish_site_gives_a_stored_agent_that_speaks_spanish() {
    let stack = stack().await;
    let site = fixture_site(HashMap::from([
        ("/", html(HOME)),
        ("/servicios", html(SERVICES)),
        ("/contacto", html(CONTACT)),
    ]))
    .await;
    let (server, api) = stack.serve("ws-peluqueria").await;

    let (status, _, body) = api.create(json!({ "website_url": site })).await;
    assert_eq!(status, 201, "{body}");
    let job_id = body["data"]["job_id"].as_str().unwrap().to_owned();
    let data = api.wait_for_job(&job_id).await;
    assert_eq!(data["status"], "completed", "{data}");
    let agent_id = AgentId::parse(data["agent_id"].as_str().unwrap()).unwrap();

    let stored = stack
        .store
        .get_agent(agent_id)
        .await
        .unwrap()
        .expect("agent item exists");
    let agent = stored.config;
    assert_eq!(agent.name, "Peluquería Ana");
    assert!(agent.language.starts_with("es"), "{}", agent.language);
    assert!(agent.greeting.contains("Peluquería Ana"));
    assert!(agent.greeting.split_whitespace().count() <= 30);
    for (part, text) in [
        ("greeting", agent.greeting.clone()),
        ("personality", agent.personality.clone()),
        ("goals", agent.goals.join(" ")),
        ("guardrails", agent.guardrails.join(" ")),
        ("system prompt", agent.system_prompt.clone()),
    ] {
        assert_eq!(
            detect(&text).map(|l| l.code.as_str()),
            Some("es"),
            "{part} is not Spanish: {text}"
        );
    }
    // A salon, not "a business": its playbook, in Spanish.
    assert!(
        agent.personality.contains("peluquería"),
        "{}",
        agent.personality
    );
    // The Spanish hours were read and are said the Spanish way.
    let hours: Vec<&str> = agent
        .knowledge
        .iter()
        .filter(|f| f.kind == FactKind::Hours)
        .map(|f| f.text.as_str())
        .collect();
    assert!(
        hours.contains(&"de lunes a viernes, de 10:00 a 20:00"),
        "{hours:?}"
    );
    assert!(hours.contains(&"domingo: cerrado"), "{hours:?}");
    // The services under "Nuestros servicios".
    assert!(
        agent
            .knowledge
            .iter()
            .any(|f| f.kind == FactKind::Service && f.text.starts_with("Corte de pelo")),
        "{:?}",
        agent.knowledge
    );
    assert!(agent
        .system_prompt
        .contains("## Lo que sabes de la Peluquería Ana"));
    assert!(!agent
        .metadata
        .warnings
        .iter()
        .any(|w| w.contains("wrote English")));

    // The API returns the same agent.
    let (status, body) = api.get_agent(&agent_id.to_string()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["language"], agent.language.as_str());
    server.shutdown().await;
}
