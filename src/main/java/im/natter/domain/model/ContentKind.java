package im.natter.domain.model;

public enum ContentKind {
    /** A plain text body. */
    TEXT,
    /** An OMEMO-encrypted message Natter cannot read yet; its fallback body is never shown. */
    OMEMO_ENCRYPTED
}
