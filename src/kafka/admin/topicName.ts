/** Kafka's own limit (Topic.MAX_NAME_LENGTH): longer names break partition directory names. */
export const maxTopicNameLength = 249;

export interface TopicNameCheck {
  /** Why Kafka would refuse the name; undefined when it is legal. */
  error?: string;
  /** A legal name that may still cause trouble. */
  warning?: string;
}

/** Validates a topic name the way Kafka's `Topic.validate` does, plus the `.`/`_` collision check. */
export function checkTopicName(name: string, existingTopics: Iterable<string> = []): TopicNameCheck {
  if (name.length === 0) {
    return { error: 'Enter a topic name.' };
  }
  if (name === '.' || name === '..') {
    return { error: `A topic cannot be named "${name}".` };
  }
  if (name.length > maxTopicNameLength) {
    return { error: `A topic name can have at most ${maxTopicNameLength} characters; this one has ${name.length}.` };
  }
  const illegal = [...new Set(name.replace(/[a-zA-Z0-9._-]/g, ''))];
  if (illegal.length > 0) {
    const shown = illegal.map((char) => (char === ' ' ? 'space' : `"${char}"`)).join(', ');
    return { error: `A topic name may only contain letters a-z, A-Z, digits, ".", "_" and "-"; not ${shown}.` };
  }
  const collision = collidingTopic(name, existingTopics);
  if (collision === name) {
    return { error: `Topic "${name}" exists already.` };
  }
  if (collision) {
    return {
      error: `"${name}" collides with the existing topic "${collision}": Kafka treats "." and "_" alike in metric names, so it refuses both.`,
    };
  }
  if (/[._]/.test(name)) {
    return {
      warning: 'Names with "." or "_" can collide in metric names (a.b and a_b are the same metric); use one of the two, not both.',
    };
  }
  return {};
}

function collidingTopic(name: string, existingTopics: Iterable<string>): string | undefined {
  const key = metricName(name);
  for (const topic of existingTopics) {
    if (metricName(topic) === key) {
      return topic;
    }
  }
  return undefined;
}

function metricName(topic: string): string {
  return topic.replace(/\./g, '_');
}
