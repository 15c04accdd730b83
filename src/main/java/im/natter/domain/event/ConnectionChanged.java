package im.natter.domain.event;

import im.natter.domain.model.ConnectionStatus;

public record ConnectionChanged(ConnectionStatus status) implements NatterEvent {

    @Override
    public Object coalesceKey() {
        return java.util.List.of("connection", status.account());
    }
}
