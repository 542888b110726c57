package dev.minisched.framework;

import static dev.minisched.framework.ActionType.ADD;
import static dev.minisched.framework.ActionType.DELETE;
import static dev.minisched.framework.ActionType.UPDATE_NODE_TAINT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterEventTest {
  private static final ClusterEvent NODE_ADD_OR_TAINT = new ClusterEvent(EventResource.NODE, ADD.or(UPDATE_NODE_TAINT));

  @Test
  void aRegistrationMatchesEventsOfItsResourceThatShareAnAction() {
    assertThat(NODE_ADD_OR_TAINT.matches(ClusterEvent.NODE_ADD)).isTrue();
    assertThat(NODE_ADD_OR_TAINT.matches(ClusterEvent.NODE_SPEC_UNSCHEDULABLE_CHANGE)).isTrue();
    assertThat(NODE_ADD_OR_TAINT.matches(ClusterEvent.NODE_TAINT_CHANGE)).isTrue();
  }

  @Test
  void otherActionsAndOtherResourcesDoNotMatch() {
    assertThat(NODE_ADD_OR_TAINT.matches(ClusterEvent.NODE_LABEL_CHANGE)).isFalse();
    assertThat(NODE_ADD_OR_TAINT.matches(ClusterEvent.NODE_DELETE)).isFalse();
    assertThat(NODE_ADD_OR_TAINT.matches(ClusterEvent.ASSIGNED_POD_ADD)).isFalse();
  }

  @Test
  void theWildcardMatchesEverythingEitherWay() {
    assertThat(ClusterEvent.WILDCARD.matches(ClusterEvent.ASSIGNED_POD_DELETE)).isTrue();
    assertThat(NODE_ADD_OR_TAINT.matches(ClusterEvent.UNSCHEDULABLE_TIMEOUT)).isTrue();
    assertThat(new ClusterEvent(EventResource.NODE, ActionType.ALL).isWildcard()).isFalse();
  }

  @Test
  void actionTypesAreBits() {
    assertThat(ActionType.ALL.overlaps(DELETE)).isTrue();
    assertThat(ActionType.UPDATE.overlaps(ADD.or(DELETE))).isFalse();
    assertThat(ADD.or(UPDATE_NODE_TAINT).overlaps(ActionType.UPDATE)).isTrue();
  }
}
