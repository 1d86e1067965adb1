//! Binding, TLS, and stopping: `serve` opens the store, prints the address it listens on (one
//! stdout line, `listening on http://ADDR`, which tests and scripts read), serves until SIGINT or
//! SIGTERM, and lets requests in flight finish.

use std::io::Write;
use std::sync::Arc;

use anyhow::Context;

use crate::config::RelayConfig;
use crate::state::AppState;

const HEADER_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

pub async fn serve(config: RelayConfig) -> anyhow::Result<()> {
    let tls = config.tls.clone();
    let listen = config.listen;
    let state = Arc::new(AppState::open(config).await?);
    crate::retention::spawn(state.clone());
    let app = crate::routes::router(state);

    let listener = std::net::TcpListener::bind(listen)
        .with_context(|| format!("could not listen on {listen}"))?;
    let address = listener.local_addr()?;
    let handle = axum_server::Handle::new();
    let stopper = handle.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        stopper.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
    });
    match tls {
        None => {
            let mut server = axum_server::from_tcp(listener)?;
            // A client that never finishes its headers is cut off instead of holding a
            // connection for ever (hyper has no such timeout unless asked).
            server
                .http_builder()
                .http1()
                .header_read_timeout(HEADER_READ_TIMEOUT);
            announce("http", address)?;
            server
                .handle(handle)
                .serve(app.into_make_service_with_connect_info::<std::net::SocketAddr>())
                .await
                .context("the relay stopped with an error")
        }
        Some(files) => {
            let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
            let rustls =
                axum_server::tls_rustls::RustlsConfig::from_pem_file(&files.cert, &files.key)
                    .await
                    .with_context(|| {
                        format!(
                            "could not read the TLS certificate {} and key {}",
                            files.cert.display(),
                            files.key.display()
                        )
                    })?;
            let mut server = axum_server::from_tcp_rustls(listener, rustls)?;
            server
                .http_builder()
                .http1()
                .header_read_timeout(HEADER_READ_TIMEOUT);
            announce("https", address)?;
            server
                .handle(handle)
                .serve(app.into_make_service_with_connect_info::<std::net::SocketAddr>())
                .await
                .context("the relay stopped with an error")
        }
    }
}

fn announce(scheme: &str, address: std::net::SocketAddr) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on {scheme}://{address}")?;
    stdout.flush()?;
    tracing::info!(%scheme, "relay started");
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => return interrupt.await.unwrap_or(()),
            };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
    tracing::info!("stopping");
}
