//! The `chronoscope` binary: parses arguments and hands over to the library.

use std::process::ExitCode;

use chronoscope::app::ChronoscopeApp;
use chronoscope::cli::{Invocation, USAGE, parse_args, run_extract};

fn main() -> ExitCode {
    let invocation = match parse_args(std::env::args().skip(1)) {
        Ok(invocation) => invocation,
        Err(message) => {
            eprintln!("chronoscope: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match invocation {
        Invocation::Help => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Invocation::Extract { paths, options } => {
            match run_extract(&paths, options, &mut std::io::stdout().lock()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("chronoscope: cannot write output: {err}");
                    ExitCode::FAILURE
                }
            }
        }
        Invocation::Bench => {
            chronoscope::bench::print_figures();
            ExitCode::SUCCESS
        }
        Invocation::App { paths, reference } => {
            let options = eframe::NativeOptions {
                viewport: egui::ViewportBuilder::default()
                    .with_title("Chronoscope")
                    .with_inner_size([1400.0, 860.0])
                    .with_drag_and_drop(true),
                ..Default::default()
            };
            let result = eframe::run_native(
                chronoscope::app::APP_ID,
                options,
                Box::new(move |cc| Ok(Box::new(ChronoscopeApp::new(cc, paths, reference)))),
            );
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("chronoscope: cannot open a window: {err}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
