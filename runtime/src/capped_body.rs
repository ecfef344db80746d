//! Reading an HTTP answer's body with a size cap: refused up front when its announced
//! length is over the cap, else read as it arrives and refused as soon as it passes it,
//! so a huge or endless body costs at most the cap in memory.

/// Why a body was not read whole.
#[derive(Debug)]
pub(crate) enum Unread {
    /// It is (or announced to be) larger than the cap.
    TooLarge,
    /// The transfer failed.
    Transport(reqwest::Error),
}

/// The body of `response`, at most `limit` bytes.
pub(crate) async fn read_capped(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, Unread> {
    let announced = response.content_length().unwrap_or(0);
    if announced > limit as u64 {
        return Err(Unread::TooLarge);
    }
    let mut body = Vec::with_capacity(announced as usize);
    while let Some(chunk) = response.chunk().await.map_err(Unread::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(Unread::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
