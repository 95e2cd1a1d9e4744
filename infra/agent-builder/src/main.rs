//! `agent-builder`: build an agent offline, run the local stack, manage API keys.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use agent_builder_api::error::error_chain;
use agent_builder_api::{CreateJobDeps, GetJobDeps};
use agent_builder_aws as aws;
use agent_builder_aws::dynamodb::{DynamoApiKeys, DynamoStore, DynamoWorkspaces};
use agent_builder_core::config::DEFAULT_DAILY_JOB_LIMIT;
use agent_builder_core::domain::{ApiKey, Instructions, NetworkPolicy, SiteUrl, WorkspaceId};
use agent_builder_core::store::{ApiKeyStore, WorkspaceStore};
use agent_builder_core::telemetry;
use agent_builder_engine::config::{Config, GeneratorSettings, DEFAULT_VOICE};
use agent_builder_engine::crawl::NoProgress;
use agent_builder_engine::extract::main_text::main_text_of_html;
use agent_builder_engine::reaper::ReaperDeps;
use agent_builder_engine::render::{RenderMode, RenderSettings};
use agent_builder_engine::wiring;
use agent_builder_engine::worker::WorkerDeps;
use agent_builder_local::api_keys::{create_api_key, ensure_api_key};
use agent_builder_local::dev_server::{DevServer, DEFAULT_SWEEP_INTERVAL};
use agent_builder_local::eval_article;
use agent_builder_local::eval_extract;
use agent_builder_local::eval_robots::evaluate_cases;
use agent_builder_local::eval_structured::{evaluate_folder, measure_throughput};
use agent_builder_local::extract_file::{extract_file, render_text};
use agent_builder_local::local_config::LocalConfig;
use agent_builder_local::provision::{provision, TEMPLATE};
use agent_builder_local::sam_env::{
    local_values, sam_env_json, LocalEndpoints, SAMPLE_EVENTS_KEY, SAMPLE_EVENTS_WORKSPACE,
};
use agent_builder_local::stack_outputs::{
    StackOutputs, API_KEYS_TABLE_OUTPUT, WORKSPACES_TABLE_OUTPUT,
};

#[derive(Parser)]
#[command(
    name = "agent-builder",
    version,
    about = "Turn a website and/or instructions into a voice agent"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build an agent from a website and/or instructions, with no AWS at all, and print it.
    Build(BuildArgs),
    /// Provision the local emulators from template.yaml and serve the API on 127.0.0.1.
    Dev(DevArgs),
    /// Create the tables and queues of template.yaml on the emulators (as `dev` does) and print
    /// the functions' environment (`KEY=VALUE` lines) for `cargo lambda watch --env-file`.
    Provision(ProvisionArgs),
    /// Create an API key for a workspace and print it (once). Uses the table of a deployed stack
    /// (--stack, read from its outputs) or API_KEYS_TABLE / --table, wherever the AWS SDK
    /// points: your AWS account or the local stack.
    CreateApiKey(CreateKeyArgs),
    /// Revoke an API key.
    RevokeApiKey(RevokeKeyArgs),
    /// Print a workspace's webhook signing secret (created on first use), or rotate it.
    WebhookSecret(WebhookSecretArgs),
    /// Print the business facts of one saved HTML page (as the worker extracts them).
    Extract(ExtractArgs),
    /// Score a component on a labeled peer suite.
    #[command(subcommand)]
    Eval(EvalCommand),
}

#[derive(Subcommand)]
enum EvalCommand {
    /// robots.txt handling on every `*.json` case file in a folder (e.g. Google's suite).
    Robots {
        /// Folder of case files, such as ../shared/peer-suites/robots
        folder: PathBuf,
        /// Print every failing case.
        #[arg(long)]
        verbose: bool,
    },
    /// Contact extraction on a labeled page set (labels.json + pages/, e.g. the webstruct suite):
    /// precision and recall per label.
    ///
    /// Labels: TEL, EMAIL, HOURS, STREET, CITY, STATE, ZIPCODE, and ORG (the profile name).
    /// Matching: TEL compares the last 9 digits (8 after a trunk 0 in the label; label extensions dropped, numbers we call fax
    /// excluded); EMAIL is case-insensitive; STREET and HOURS compare lower-cased letters and
    /// digits only, equal or one containing the other; CITY, STATE, ZIPCODE compare lower-cased
    /// letters and digits only, equal. ORG: per site (base_url host), the profile name must equal
    /// one of the site's ORG labels (letters and digits, lower-cased). Precision = matched
    /// predictions / predictions; recall = matched labels / labels; both over distinct values per
    /// page, summed over pages.
    Extract {
        /// Folder holding labels.json and pages/, such as ../shared/peer-suites/webstruct
        folder: PathBuf,
        /// Print each page's missed and wrong values.
        #[arg(long)]
        verbose: bool,
        /// Only print what one page (a file under pages/) yields: its visible text and facts.
        #[arg(long)]
        page: Option<String>,
    },
    /// Opening hours and phone numbers per language on labeled pages (one subfolder per
    /// language, each in `extract`'s format, such as tests/fixtures/lang-eval): precision and
    /// recall per language as a Markdown table, with `extract`'s matching rules.
    Languages {
        /// Folder of language subfolders, such as tests/fixtures/lang-eval
        folder: PathBuf,
        /// Print each page's missed and wrong values.
        #[arg(long)]
        verbose: bool,
    },
    /// JSON-LD and microdata reading on extruct's test suite (its `manifest.json` cases).
    Structured {
        /// extruct's suite folder, such as ../shared/peer-suites/extruct
        folder: PathBuf,
        /// Print every failing case.
        #[arg(long)]
        verbose: bool,
    },
    /// Main-text extraction on the article-extraction benchmark: precision, recall and F1 over
    /// 4-token shingles as upstream scores them, and extraction speed (HTML parsing included).
    Article {
        /// Folder with `ground-truth.json` and `html/*.html.gz`, such as
        /// ../shared/peer-suites/article-extraction
        folder: PathBuf,
        /// Score a stored output file (`{id: {articleBody}}`) instead of our extractor.
        #[arg(long)]
        stored: Option<PathBuf>,
        /// Print the pages scoring worst.
        #[arg(long, default_value_t = 0)]
        worst: usize,
    },
}

#[derive(Args)]
struct ExtractArgs {
    /// The saved page.
    file: PathBuf,
    /// The address the page was fetched from (sets the page's sources and, through its
    /// country domain, the region for national phone numbers).
    #[arg(long)]
    url: Option<String>,
    /// Print the facts as JSON (the profile's shape, plus `url`, `title`, `canonical`,
    /// `main_text`).
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct BuildArgs {
    /// Website to read (a missing scheme means https://).
    url: Option<String>,
    #[arg(long)]
    instructions: Option<String>,
    /// Print `{"agent": …, "profile": …, "pages": […]}` as JSON.
    #[arg(long)]
    json: bool,
    /// Allow loopback and private addresses (for sites on your own machine or network).
    #[arg(long)]
    allow_private_network: bool,
    #[arg(long, env = "DEFAULT_VOICE", default_value = DEFAULT_VOICE)]
    voice: String,
    /// Most pages to read.
    #[arg(long, default_value_t = 25)]
    max_pages: usize,
    /// template, bedrock or openai; the model settings come from the environment
    /// (BEDROCK_MODEL_ID; OPENAI_BASE_URL, OPENAI_MODEL, OPENAI_API_KEY; GENERATOR_FALLBACK).
    #[arg(long, env = "GENERATOR", default_value = "template")]
    generator: String,
    #[command(flatten)]
    local: LocalReadArgs,
}

/// How `build` and `dev` read sites on this machine.
#[derive(Args)]
struct LocalReadArgs {
    /// Read exactly this origin even though it is local, e.g. http://127.0.0.1:8080
    /// (repeatable; everything else stays guarded).
    #[arg(long = "allow-origin", env = "ALLOW_ORIGINS", value_delimiter = ',')]
    allow_origin: Vec<String>,
    /// When to read pages in a headless browser: auto (only pages whose HTML is a script's
    /// shell), always, or never. Chromium is installed on first need.
    #[arg(long, env = "RENDER", default_value = "auto")]
    render: String,
    /// Most pages read in the browser per job.
    #[arg(long, env = "MAX_RENDERED_PAGES", default_value_t = RenderSettings::default().max_pages)]
    max_rendered_pages: usize,
}

impl LocalReadArgs {
    fn apply(&self, config: &mut Config) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        config.network_policy = config
            .network_policy
            .with_allowed_origins(&self.allow_origin)?;
        config.render = RenderSettings {
            mode: self
                .render
                .parse::<RenderMode>()
                .map_err(|e| format!("--render: {e}"))?,
            max_pages: self.max_rendered_pages,
        };
        config.chromium.install_if_missing = true;
        if let Ok(path) = std::env::var("CHROMIUM_PATH") {
            config.chromium.executable = Some(path.into());
        }
        Ok(())
    }
}

#[derive(Args)]
struct DevArgs {
    #[arg(long, env = "AB_DEV_PORT", default_value_t = 3000)]
    port: u16,
    /// Prefix of the local table and queue names.
    #[arg(long, default_value = "agent-builder-local")]
    prefix: String,
    /// Workspace of the demo API key.
    #[arg(long, default_value = "demo")]
    workspace: String,
    /// Where the demo API key is written (and reused from, across restarts).
    #[arg(long, default_value = ".local/dev-api-key")]
    key_file: PathBuf,
    #[arg(long, env = "DAILY_JOB_LIMIT", default_value_t = DEFAULT_DAILY_JOB_LIMIT)]
    daily_job_limit: u32,
    /// Let jobs read sites on loopback and private addresses (local testing only).
    #[arg(long, env = "ALLOW_PRIVATE_NETWORK")]
    allow_private_network: bool,
    /// Seconds between sweeps for jobs whose worker stopped for good (the job reaper's
    /// schedule on AWS).
    #[arg(long, env = "SWEEP_INTERVAL_SECS", default_value_t = DEFAULT_SWEEP_INTERVAL.as_secs())]
    sweep_interval_secs: u64,
    #[command(flatten)]
    local: LocalReadArgs,
}

#[derive(Args)]
struct ProvisionArgs {
    #[arg(long, default_value = "agent-builder-local")]
    prefix: String,
    /// Also write the functions' environment for `sam local invoke --env-vars <file>` (the
    /// emulators' endpoints, the local table and queue names) and register the API key the
    /// sample events in infra/events/ send.
    #[arg(long, value_name = "FILE")]
    sam_env_json: Option<PathBuf>,
    /// Host name the function containers reach the emulators by: the default (this machine's
    /// loopback address, as the SDK uses it here) works with `--docker-network host`; use
    /// host.docker.internal on Docker Desktop without it.
    #[arg(long, value_name = "HOST", requires = "sam_env_json")]
    container_host: Option<String>,
}

/// Where an administration command finds its table: a deployed stack's outputs, or a name.
#[derive(Args)]
struct TableArgs {
    /// The deployed stack (name or id) whose outputs name the table, read with the
    /// CloudFormation API in the current AWS profile and Region.
    #[arg(long)]
    stack: Option<String>,
}

#[derive(Args)]
struct CreateKeyArgs {
    #[arg(long)]
    workspace: String,
    #[arg(long, default_value = "")]
    label: String,
    #[command(flatten)]
    from: TableArgs,
    /// The API keys table, when not given by --stack.
    #[arg(long, env = "API_KEYS_TABLE")]
    table: Option<String>,
}

#[derive(Args)]
struct WebhookSecretArgs {
    #[arg(long)]
    workspace: String,
    /// Replace the secret; deliveries from now on are signed with the new one.
    #[arg(long)]
    rotate: bool,
    #[command(flatten)]
    from: TableArgs,
    /// The workspaces table, when not given by --stack.
    #[arg(long, env = "WORKSPACES_TABLE")]
    table: Option<String>,
}

#[derive(Args)]
struct RevokeKeyArgs {
    /// The key to revoke (read from stdin when omitted, so it stays out of shell history).
    #[arg(long)]
    key: Option<String>,
    #[command(flatten)]
    from: TableArgs,
    /// The API keys table, when not given by --stack.
    #[arg(long, env = "API_KEYS_TABLE")]
    table: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    // As the worker does: `build` and `dev` run its pipeline.
    agent_builder_engine::allocator::keep_large_blocks_mapped();
    telemetry::init_text_logs();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(args).await,
        Command::Dev(args) => dev(args).await,
        Command::Provision(args) => provision_only(args).await,
        Command::CreateApiKey(args) => create_key(args).await,
        Command::RevokeApiKey(args) => revoke_key(args).await,
        Command::WebhookSecret(args) => webhook_secret(args).await,
        Command::Extract(args) => extract(args),
        Command::Eval(EvalCommand::Robots { folder, verbose }) => eval_robots(&folder, verbose),
        Command::Eval(EvalCommand::Extract {
            folder,
            verbose,
            page,
        }) => match page {
            Some(page) => eval_extract::explain_page(&folder, &page)
                .map(|out| {
                    print!("{out}");
                    ExitCode::SUCCESS
                })
                .map_err(Into::into),
            None => eval_extract(&folder, verbose),
        },
        Command::Eval(EvalCommand::Languages { folder, verbose }) => {
            eval_languages(&folder, verbose)
        }
        Command::Eval(EvalCommand::Structured { folder, verbose }) => {
            eval_structured(&folder, verbose)
        }
        Command::Eval(EvalCommand::Article {
            folder,
            stored,
            worst,
        }) => eval_article(&folder, stored.as_deref(), worst),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {}", error_chain(err.as_ref()));
            ExitCode::from(2)
        }
    }
}

type CliResult = Result<ExitCode, Box<dyn std::error::Error + Send + Sync>>;

async fn build(args: BuildArgs) -> CliResult {
    let policy = NetworkPolicy::from_flag(args.allow_private_network)
        .with_allowed_origins(&args.local.allow_origin)?;
    let url = args
        .url
        .as_deref()
        .filter(|u| !u.trim().is_empty())
        .map(|u| SiteUrl::parse(u, policy))
        .transpose()
        .map_err(|e| format!("invalid URL: {e}"))?;
    let instructions = args
        .instructions
        .as_deref()
        .map(Instructions::parse)
        .transpose()?
        .flatten();
    if url.is_none() && instructions.is_none() {
        return Err("give a website URL and/or --instructions".into());
    }
    let mut config = Config::with_defaults();
    config.default_voice = args.voice;
    // The flags' origins are added once, here; `policy` above only checked the URL.
    config.network_policy = NetworkPolicy::from_flag(args.allow_private_network);
    args.local.apply(&mut config)?;
    config.crawl.max_pages = args.max_pages;
    config.generator = GeneratorSettings::from_lookup(&|name: &str| match name {
        "GENERATOR" => Some(args.generator.clone()),
        other => std::env::var(other).ok(),
    })?;
    let needs_aws = match &config.generator {
        GeneratorSettings::Template => false,
        GeneratorSettings::Bedrock { .. } => true,
        GeneratorSettings::Openai { openai, .. } => openai.api_key_secret_arn.is_some(),
    };
    let sdk = if needs_aws {
        Some(aws::load_sdk_config().await)
    } else {
        None
    };
    if let Some(sdk) = &sdk {
        wiring::load_secrets(&mut config, sdk).await?;
    }
    let pipeline = wiring::pipeline_with_sdk(&config, sdk.as_ref())?;
    let budget = config.crawl.budget;
    match pipeline
        .build(url.as_ref(), instructions.as_ref(), budget, &NoProgress)
        .await
    {
        Ok(outcome) => {
            for warning in &outcome.warnings {
                eprintln!("warning: {warning}");
            }
            if args.json {
                let out = serde_json::json!({
                    "agent": outcome.agent,
                    "profile": outcome.profile,
                    "pages": outcome.pages,
                    "progress": outcome.progress,
                    "warnings": outcome.warnings,
                });
                println!("{}", serde_json::to_string_pretty(&out)?);
            } else {
                print_agent(&outcome.agent);
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            if args.json {
                println!("{}", serde_json::json!({ "error": err.to_string() }));
            } else {
                eprintln!("{err}");
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

fn extract(args: ExtractArgs) -> CliResult {
    let report = extract_file(&args.file, args.url.as_deref())?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", render_text(&report));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_agent(agent: &agent_builder_core::domain::AgentConfig) {
    println!("Name:        {}", agent.name);
    println!("Tone:        {}", agent.tone);
    println!("Voice:       {}", agent.voice);
    println!("Greeting:    {}", agent.greeting);
    println!("Personality: {}", agent.personality);
    println!("Goals:");
    for goal in &agent.goals {
        println!("  - {goal}");
    }
    println!("Guardrails:");
    for rule in &agent.guardrails {
        println!("  - {rule}");
    }
    println!("Language:    {}", agent.language);
    println!(
        "Generator:   {}{}",
        agent.metadata.generator.as_str(),
        agent
            .metadata
            .model
            .as_deref()
            .map(|m| format!(" ({m})"))
            .unwrap_or_default()
    );
    println!("Knowledge:");
    for fact in &agent.knowledge {
        println!(
            "  - {:?}: {} [{}]",
            fact.kind,
            fact.text,
            fact.sources.join(", ")
        );
    }
    println!("System prompt:\n{}", agent.system_prompt);
}

async fn dev(args: DevArgs) -> CliResult {
    let sdk = aws::load_sdk_config().await;
    let dynamodb = aws::dynamodb_client(&sdk);
    let sqs = aws::sqs_client(&sdk);
    let resources = provision(&dynamodb, &sqs, &args.prefix).await?;
    let store = Arc::new(DynamoStore::new(dynamodb, resources.tables.clone()));
    let workspace = WorkspaceId::parse(&args.workspace)?;
    let key = match std::fs::read_to_string(&args.key_file) {
        Ok(saved) if !saved.trim().is_empty() => {
            let key = ApiKey::from_presented(saved.trim());
            ensure_api_key(store.as_ref(), &key, workspace.clone(), "dev").await?;
            key
        }
        _ => {
            let key = create_api_key(store.as_ref(), workspace.clone(), "dev").await?;
            if let Some(dir) = args.key_file.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&args.key_file, format!("{}\n", key.reveal()))?;
            key
        }
    };
    let mut config = LocalConfig::new(&resources);
    config.daily_job_limit = args.daily_job_limit;
    let engine = &mut config.engine;
    if let Ok(voice) = std::env::var("DEFAULT_VOICE") {
        engine.default_voice = voice;
    }
    engine.network_policy = NetworkPolicy::from_flag(args.allow_private_network);
    args.local.apply(engine)?;
    engine.generator = GeneratorSettings::from_lookup(&|name: &str| std::env::var(name).ok())?;
    wiring::load_secrets(engine, &sdk).await?;
    engine.event_bus_name = std::env::var("EVENT_BUS_NAME")
        .ok()
        .filter(|b| !b.is_empty());
    let server = DevServer {
        create: CreateJobDeps::from_config(&config.create_job(), &sdk),
        get: GetJobDeps::from_config(&config.get_job(), &sdk),
        worker: WorkerDeps::from_config(&config.worker(), &sdk)?,
        reaper: ReaperDeps::from_config(&config.reaper(), &sdk)?,
        sqs,
        job_queue_url: resources.job_queue_url.clone(),
        dead_letter_queue_url: resources.dead_letter_queue_url.clone(),
        sweep_interval: Duration::from_secs(args.sweep_interval_secs.max(1)),
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port)).await?;
    let handle = server.start(listener)?;
    eprintln!("Agent Builder dev server on http://{}", handle.addr);
    eprintln!(
        "  workspace {workspace}; API key in {} (key ends …{})",
        args.key_file.display(),
        &key.reveal()[key.reveal().len() - 4..]
    );
    eprintln!(
        "  tables {}-*, queue {}",
        args.prefix, resources.job_queue_url
    );
    eprintln!("  Ctrl-C to stop");
    handle.wait_for_ctrl_c().await;
    Ok(ExitCode::SUCCESS)
}

fn eval_robots(folder: &std::path::Path, verbose: bool) -> CliResult {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no .json case files in {}", folder.display()).into());
    }
    let (mut total, mut passed) = (0, 0);
    for file in files {
        let result = evaluate_cases(&std::fs::read_to_string(&file)?);
        println!(
            "{}: {}/{} passed",
            file.file_name().unwrap_or_default().to_string_lossy(),
            result.passed,
            result.total
        );
        if verbose {
            for failure in &result.failures {
                println!("  FAIL {failure}");
            }
        }
        total += result.total;
        passed += result.passed;
    }
    println!("robots: {passed} passed, {} failed", total - passed);
    Ok(ExitCode::SUCCESS)
}

fn eval_extract(folder: &std::path::Path, verbose: bool) -> CliResult {
    let eval = eval_extract::evaluate_folder(folder)?;
    if verbose {
        for line in &eval.details {
            println!("{line}");
        }
    }
    print!("{}", eval.render());
    Ok(ExitCode::SUCCESS)
}

fn eval_languages(folder: &std::path::Path, verbose: bool) -> CliResult {
    let rows = agent_builder_local::eval_languages::evaluate_languages(folder)?;
    if verbose {
        for row in &rows {
            for line in &row.details {
                println!("[{}] {line}", row.code);
            }
        }
    }
    print!("{}", agent_builder_local::eval_languages::render(&rows));
    Ok(ExitCode::SUCCESS)
}

fn eval_structured(folder: &std::path::Path, verbose: bool) -> CliResult {
    let eval = evaluate_folder(folder)?;
    for (syntax, result) in &eval.syntaxes {
        println!(
            "{syntax}: {}/{} cases match extruct's output",
            result.passed, result.total
        );
        if verbose {
            for failure in &result.failures {
                println!("  FAIL {failure}");
            }
        }
    }
    for (syntax, count) in &eval.not_implemented {
        println!("{syntax}: {count} cases skipped (not implemented)");
    }
    if eval.stale > 0 {
        println!(
            "{} cases skipped (the manifest marks their expected output stale)",
            eval.stale
        );
    }
    let speed = measure_throughput(folder, 5)?;
    let mb = speed.bytes as f64 / 1e6;
    let rate = |d: std::time::Duration| mb / d.as_secs_f64().max(1e-9);
    println!(
        "speed ({} build): {} pages x5, {mb:.1} MB: parse {:.1} MB/s, structured {:.1} MB/s, offerings {:.1} MB/s",
        if cfg!(debug_assertions) { "debug" } else { "release" },
        speed.pages,
        rate(speed.parse),
        rate(speed.structured),
        rate(speed.offerings),
    );
    Ok(ExitCode::SUCCESS)
}

fn eval_article(
    folder: &std::path::Path,
    stored: Option<&std::path::Path>,
    worst: usize,
) -> CliResult {
    let pages = eval_article::load_suite(folder)?;
    if let Some(path) = stored {
        let predictions = eval_article::load_predictions(path)?;
        let s = eval_article::score_predictions(&pages, &predictions);
        println!(
            "article ({}): precision {:.4}, recall {:.4}, F1 {:.4} on {} pages",
            path.display(),
            s.precision,
            s.recall,
            s.f1,
            pages.len()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let eval = eval_article::evaluate(&pages, main_text_of_html);
    let s = eval.score;
    println!(
        "article: precision {:.4}, recall {:.4}, F1 {:.4} on {} pages; {:.1} MB/s, {:.0} pages/s \
         (parsing included, one core)",
        s.precision,
        s.recall,
        s.f1,
        eval.pages.len(),
        eval.megabytes_per_second(),
        eval.pages_per_second()
    );
    let mut by_score = eval.pages.clone();
    by_score.sort_by(|a, b| {
        let fa = a.precision.min(a.recall);
        fa.total_cmp(&b.precision.min(b.recall))
    });
    for page in by_score.iter().take(worst) {
        println!(
            "  {} precision {:.2} recall {:.2}",
            page.id, page.precision, page.recall
        );
    }
    Ok(ExitCode::SUCCESS)
}

async fn provision_only(args: ProvisionArgs) -> CliResult {
    // Checked first: the sample key is public and must only reach the emulators.
    let endpoints = match &args.sam_env_json {
        Some(_) => {
            let here = LocalEndpoints::from_lookup(|name| std::env::var(name).ok())?;
            Some(match &args.container_host {
                Some(host) => here.with_host(host)?,
                None => here,
            })
        }
        None => None,
    };
    let sdk = aws::load_sdk_config().await;
    let dynamodb = aws::dynamodb_client(&sdk);
    let resources = provision(&dynamodb, &aws::sqs_client(&sdk), &args.prefix).await?;
    if let (Some(path), Some(endpoints)) = (&args.sam_env_json, &endpoints) {
        let store = DynamoStore::new(dynamodb, resources.tables.clone());
        ensure_api_key(
            &store,
            &ApiKey::from_presented(SAMPLE_EVENTS_KEY),
            WorkspaceId::parse(SAMPLE_EVENTS_WORKSPACE)?,
            "sample events",
        )
        .await?;
        let env = sam_env_json(TEMPLATE, &local_values(&resources, endpoints))?;
        std::fs::write(path, format!("{}\n", serde_json::to_string_pretty(&env)?))?;
        eprintln!(
            "wrote {} (sam local invoke --env-vars); the sample events' key is registered for workspace {SAMPLE_EVENTS_WORKSPACE}",
            path.display()
        );
    }
    let t = &resources.tables;
    for (name, value) in [
        ("JOBS_TABLE", &t.jobs),
        ("QUOTA_TABLE", &t.quota),
        ("AGENTS_TABLE", &t.agents),
        ("API_KEYS_TABLE", &t.api_keys),
        ("IDEMPOTENCY_TABLE", &t.idempotency),
        ("WORKSPACES_TABLE", &t.workspaces),
        ("JOB_QUEUE_URL", &resources.job_queue_url),
        (
            "JOB_DEAD_LETTER_QUEUE_URL",
            &resources.dead_letter_queue_url,
        ),
    ] {
        println!("{name}={value}");
    }
    println!("JOB_MAX_RECEIVE_COUNT={}", resources.max_receive_count);
    Ok(ExitCode::SUCCESS)
}

/// The table named by `--stack`'s `output`, else by `--table` / its environment variable.
async fn table_name(
    from: &TableArgs,
    table: Option<String>,
    output: &str,
    variable: &str,
) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    match (&from.stack, table) {
        (Some(stack), _) => {
            let sdk = aws::load_sdk_config().await;
            let client = aws_sdk_cloudformation::Client::new(&sdk);
            Ok(StackOutputs::load(&client, stack)
                .await?
                .get(output)?
                .to_owned())
        }
        (None, Some(table)) if !table.trim().is_empty() => Ok(table),
        (None, _) => Err(format!("give --stack <name> (or --table / {variable})").into()),
    }
}

async fn create_key(args: CreateKeyArgs) -> CliResult {
    let workspace = WorkspaceId::parse(&args.workspace)?;
    let table = table_name(
        &args.from,
        args.table,
        API_KEYS_TABLE_OUTPUT,
        "API_KEYS_TABLE",
    )
    .await?;
    let store = key_store(&table).await;
    let key = create_api_key(&store, workspace.clone(), &args.label).await?;
    eprintln!(
        "Created an API key for workspace {workspace} in table {table}. It is shown once; store it now:"
    );
    println!("{}", key.reveal());
    Ok(ExitCode::SUCCESS)
}

async fn revoke_key(args: RevokeKeyArgs) -> CliResult {
    let raw = match args.key {
        Some(key) => key,
        None => {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            line
        }
    };
    let table = table_name(
        &args.from,
        args.table,
        API_KEYS_TABLE_OUTPUT,
        "API_KEYS_TABLE",
    )
    .await?;
    let store = key_store(&table).await;
    store
        .revoke_api_key(&ApiKey::from_presented(raw.trim()).hash())
        .await?;
    eprintln!("Revoked.");
    Ok(ExitCode::SUCCESS)
}

async fn webhook_secret(args: WebhookSecretArgs) -> CliResult {
    let workspace = WorkspaceId::parse(&args.workspace)?;
    let table = table_name(
        &args.from,
        args.table,
        WORKSPACES_TABLE_OUTPUT,
        "WORKSPACES_TABLE",
    )
    .await?;
    let sdk = aws::load_sdk_config().await;
    let store = DynamoWorkspaces::new(aws::dynamodb_client(&sdk), table);
    let secret = if args.rotate {
        store.rotate_webhook_secret(&workspace).await?
    } else {
        store.webhook_secret(&workspace).await?
    };
    eprintln!(
        "Webhook signing secret of workspace {workspace} (verify webhook-signature with it):"
    );
    println!("{secret}");
    Ok(ExitCode::SUCCESS)
}

async fn key_store(table: &str) -> DynamoApiKeys {
    let sdk = aws::load_sdk_config().await;
    DynamoApiKeys::new(aws::dynamodb_client(&sdk), table)
}
