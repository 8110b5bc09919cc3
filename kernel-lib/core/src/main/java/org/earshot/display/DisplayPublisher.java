package org.earshot.display;

/**
 * Service interface: the bridge from {@link Display#show(Object)} to a running notebook kernel.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}; the first that is {@link #isActive() active}
 * publishes. With none (plain JShell, a test, a CLI) the value's plain text is printed instead.
 */
public interface DisplayPublisher {

    /** @return whether this publisher's kernel is running in this JVM */
    boolean isActive();

    /**
     * Sends a value to the front end as a display output of the current cell.
     *
     * @param value the value; the kernel renders it (kit values through {@link Display#bundleOf(Object)})
     */
    void publish(Object value);
}
