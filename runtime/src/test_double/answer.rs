//! A rule's reply as the call's result: a typed output as it is, a raw body through the
//! same reading as a real answer, no reply as a call that was never sent.

use crate::answer::classify;
use crate::contract::error::SdkError;
use crate::contract::spec::ActionSpec;
use crate::contract::wire::{AnyCode, ErrorCode};
use crate::response_future::ResponseFuture;
use std::any::Any;

/// What a rule gave.
pub(super) enum Replied {
    Typed(Box<dyn Any + Send>),
    Raw(u16, Vec<u8>),
}

/// `{"Response": {"Error": {"Code": …, "Message": …}, "RequestId": …}}`.
pub(super) fn error_envelope(code: &str, message: &str) -> Vec<u8> {
    let envelope = serde_json::json!({
        "Response": {
            "Error": {"Code": code, "Message": message},
            "RequestId": "test-double",
        }
    });
    envelope.to_string().into_bytes()
}

fn unanswered<C: ErrorCode>(action: &ActionSpec, why: &str) -> SdkError<C> {
    let message = format!("{} was not sent: {why} (see `Rules::verify`)", action.name);
    SdkError::Transport {
        source: message.into(),
        sent: false,
    }
}

pub(super) fn typed<Resp: 'static, C: ErrorCode>(
    action: &ActionSpec,
    replied: Option<Replied>,
) -> ResponseFuture<Resp, C> {
    match replied {
        Some(Replied::Typed(output)) => match output.downcast::<Resp>() {
            Ok(output) => ResponseFuture::answered(output),
            Err(_) => {
                ResponseFuture::refused(unanswered(action, "the rule's output is not this call's"))
            }
        },
        Some(Replied::Raw(status, body)) => {
            let read = classify(action, status, &body)
                .map(|response| (status, response))
                .map_err(|(e, _)| e);
            ResponseFuture::sending(Box::pin(std::future::ready(read)))
        }
        None => ResponseFuture::refused(unanswered(action, "no test rule answers it")),
    }
}

pub(super) fn untyped(
    action: &ActionSpec,
    replied: Option<Replied>,
) -> Result<(u16, crate::answer::ResponseBody), SdkError<AnyCode>> {
    match replied {
        Some(Replied::Raw(status, body)) => classify(action, status, &body)
            .map(|response| (status, response))
            .map_err(|(e, _)| e),
        Some(Replied::Typed(_)) => Err(unanswered(
            action,
            "a typed output cannot answer a waiter's poll: give the rule a raw body",
        )),
        None => Err(unanswered(action, "no test rule answers it")),
    }
}
