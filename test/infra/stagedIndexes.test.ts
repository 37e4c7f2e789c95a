/**
 * A staged index change: CloudFormation creates or deletes one global secondary index of a table per stack
 * update, so `-c withoutIndexes=…` leaves indexes out of a deploy and a table deployed before they existed
 * gets them one deploy at a time, and `-c keepIndexes=…` keeps retired ones a deploy longer, so a table
 * deployed with several loses them one at a time.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { stackPropsFromContext } from '../../infra/app.js';
import { SiftTables } from '../../infra/constructs/SiftTables.js';
import { ARTICLES_TABLE, RETIRED_INDEXES } from '../../shared/service/storage/tableSchema.js';

const articleTable = (props: { withoutIndexes?: string[]; keepIndexes?: string[] }) => {
  const stack = new Stack(new App(), 'T');
  new SiftTables(stack, 'Tables', props);
  const tables = Object.entries(Template.fromStack(stack).findResources('AWS::DynamoDB::GlobalTable'));
  return tables.find(([id]) => id.startsWith(`Tables${ARTICLES_TABLE.logicalName}`))![1];
};
const articleIndexes = (withoutIndexes?: string[], keepIndexes?: string[]) =>
  (articleTable({ withoutIndexes, keepIndexes }).Properties.GlobalSecondaryIndexes as { IndexName: string }[]).map((i) => i.IndexName);

describe('staged index changes', () => {
  it('leaves out the named indexes and keeps every other one of the schema', () => {
    const all = ARTICLES_TABLE.indexes.map((i) => i.indexName);
    expect(articleIndexes()).toEqual(all);
    expect(articleIndexes(['byStoryKey', 'byTag'])).toEqual(all.filter((i) => i !== 'byStoryKey' && i !== 'byTag'));
  });

  it('refuses a name that is no index of the tables', () => {
    expect(() => articleIndexes(['byStoryKey3'])).toThrow(/byStoryKey3 is not an index/);
    expect(() => articleIndexes(undefined, ['byTag'])).toThrow(/byTag is not a retired index/);
  });

  it('keeps the named retired indexes as they were deployed, so a stack loses one per deploy', () => {
    const all = ARTICLES_TABLE.indexes.map((i) => i.indexName);
    const retired = RETIRED_INDEXES[ARTICLES_TABLE.logicalName].map((i) => i.indexName);
    expect(retired.filter((name) => all.includes(name))).toEqual([]);
    expect(articleIndexes(undefined, retired.slice(1))).toEqual([...all, ...retired.slice(1)]);
    const table = articleTable({ keepIndexes: ['byStory'] });
    const byStory = (table.Properties.GlobalSecondaryIndexes as any[]).find((i) => i.IndexName === 'byStory');
    expect(byStory.KeySchema).toEqual([{ AttributeName: 'storyOf', KeyType: 'HASH' }, { AttributeName: 'sortKey', KeyType: 'RANGE' }]);
    expect(byStory.Projection.ProjectionType).toBe('INCLUDE');
    expect(table.Properties.AttributeDefinitions).toContainEqual({ AttributeName: 'storyOf', AttributeType: 'S' });
  });

  it('is read from the CDK context', () => {
    const app = new App({ context: { withoutIndexes: 'byStoryKey, byTag' } });
    expect(stackPropsFromContext(app).tables).toEqual({ withoutIndexes: ['byStoryKey', 'byTag'] });
    const keeping = new App({ context: { keepIndexes: 'byStory, byPublished' } });
    expect(stackPropsFromContext(keeping).tables).toEqual({ keepIndexes: ['byStory', 'byPublished'] });
    expect(stackPropsFromContext(new App()).tables).toBeUndefined();
  });
});
