package io.flowstate.testkit;

import static io.flowstate.testkit.ProcessFixtures.started;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.ForwardingProcessStore;
import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.store.ProcessStore;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The bare forwarding store, which changes nothing, is the store it wraps: the contract holds for it. And it
 * forwards every method of the SPI, so a method added to {@link ProcessStore} (even a default one) cannot slip
 * past a decorator unforwarded.
 */
class ForwardingProcessStoreTest extends ProcessStoreContract {

    private MemoryProcessStore memory;

    @Override
    protected ProcessStore newStore(MutableClock clock, int eventLogCapacity) {
        memory = new MemoryProcessStore(clock, eventLogCapacity);
        return forwardingTo(new AtomicReference<>(memory));
    }

    @Override
    protected boolean storeIsEmpty(ProcessStore store) {
        return memory.size() == 0;
    }

    @Test
    void forwardsEveryMethodOfTheStoreInterface() throws NoSuchMethodException {
        List<Method> spi = Arrays.stream(ProcessStore.class.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .toList();

        assertThat(spi).isNotEmpty();
        for (Method method : spi) {
            Method forwarded = ForwardingProcessStore.class.getDeclaredMethod(method.getName(),
                    method.getParameterTypes());
            assertThat(Modifier.isAbstract(forwarded.getModifiers())).as(method.getName()).isFalse();
        }
    }

    @Test
    void eachCallGoesToTheDelegateOfTheMoment() {
        MemoryProcessStore other = new MemoryProcessStore(clock(), eventLogCapacity());
        AtomicReference<ProcessStore> target = new AtomicReference<>(memory);
        ProcessStore forwarding = forwardingTo(target);
        ProcessInstance process = started(clock());

        target.set(other);
        forwarding.create(process, startedEvent(process));

        assertThat(other.get(process.processId())).contains(process);
        assertThat(memory.get(process.processId())).isEmpty();
        assertThat(forwarding.get(process.processId())).contains(process);
    }

    private static ProcessStore forwardingTo(AtomicReference<ProcessStore> target) {
        return new ForwardingProcessStore() {
            @Override
            protected ProcessStore delegate() {
                return target.get();
            }
        };
    }
}
