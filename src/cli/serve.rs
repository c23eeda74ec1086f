//! `vanban serve`: the web app over an index (the app itself is `vanban::serve`).

use anyhow::Result;

use super::{IndexArg, Outcome};

/// Options of `vanban serve`.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub index: IndexArg,
    /// Address and port to listen on.
    #[arg(long, value_name = "IP:PORT", default_value = vanban::serve::DEFAULT_ADDR)]
    pub addr: std::net::SocketAddr,
}

/// `vanban serve`: runs until interrupted.
pub fn serve(args: ServeArgs) -> Result<Outcome> {
    let mut opts = vanban::serve::ServeOptions::new(args.index.path);
    opts.addr = args.addr;
    vanban::serve::serve(&opts)?;
    Ok(Outcome::Done)
}
